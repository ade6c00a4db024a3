/**
 * Demo counter staff for the local stack and tests. Their passwords are demo values printed in
 * the README, hashed when seeded; no deployed stage ever gets these users.
 */
import type { StaffRole } from '@hpf/shared';
import type { AgencyUser } from '../adapters/agency-repository';

export interface DemoStaff {
  username: string;
  displayName: string;
  roles: StaffRole[];
  office: string;
  password: string;
}

export const DEMO_STAFF_PASSWORD = 'demo-Counter-2026';

export const DEMO_STAFF: DemoStaff[] = [
  { username: 'deposit.clerk', displayName: '归集科 周敏', roles: ['DEPOSIT_CLERK'], office: '归集科', password: DEMO_STAFF_PASSWORD },
  { username: 'account.clerk', displayName: '柜台 孙磊', roles: ['ACCOUNT_CLERK'], office: '营业部柜台', password: DEMO_STAFF_PASSWORD },
  { username: 'reviewer.a', displayName: '审核 吴静', roles: ['REVIEWER'], office: '提取审核科', password: DEMO_STAFF_PASSWORD },
  { username: 'reviewer.b', displayName: '复核 郑涛', roles: ['REVIEWER'], office: '提取审核科', password: DEMO_STAFF_PASSWORD },
  { username: 'auditor', displayName: '稽核 冯洁', roles: ['AUDITOR'], office: '稽核科', password: DEMO_STAFF_PASSWORD },
];

/**
 * Demo verifying agencies (查验机构), one sign-in per office, with the same kind of demo password.
 * The Hangzhou centre reads 异地贷款缴存使用证明 (it lends to our members buying there) and
 * 缴存证明; the bank reads 贷款结清证明 (解押) and 缴存证明.
 */
export const DEMO_AGENCY_PASSWORD = 'demo-Agency-2026';

export const DEMO_AGENCIES: (Omit<AgencyUser, 'passwordHash' | 'disabled'> & { password: string })[] = [
  {
    username: 'hz.gjj.xihu',
    agencyName: '杭州住房公积金管理中心',
    office: '西湖分中心',
    kind: 'HPF_CENTRE',
    certificateTypes: ['LOAN_USE', 'DEPOSIT'],
    password: DEMO_AGENCY_PASSWORD,
  },
  {
    username: 'bank.pudong',
    agencyName: '示范银行上海浦东分行',
    office: '个人贷款中心',
    kind: 'BANK',
    certificateTypes: ['PAYOFF', 'DEPOSIT'],
    password: DEMO_AGENCY_PASSWORD,
  },
];
