/** Demo members known to the local WeChat simulator; the sign-in code is `sim:<openid>`. */
export interface DemoMember {
  openid: string;
  name: string;
  story: string;
  /** The picker asks the server whether this one is bound yet (it is the one to try 实名绑定 with). */
  showsBinding?: boolean;
}

export const DEMO_MEMBERS: readonly DemoMember[] = [
  { openid: 'demo-renter', name: '张明', story: '租房职工，连续缴存3年以上' },
  { openid: 'demo-sealed', name: '李芳', story: '账户已封存' },
  { openid: 'demo-loan', name: '王强', story: '有公积金贷款' },
  { openid: 'demo-paidoff', name: '赵丽', story: '贷款已结清' },
  { openid: 'demo-retiree', name: '刘建国', story: '退休职工' },
  { openid: 'demo-new', name: '陈新', story: '新职工，用于体验实名绑定', showsBinding: true },
];

export function demoCode(openid: string): string {
  return `sim:${openid}`;
}
