/**
 * 隐私政策 and the separate consent (单独同意) for sensitive personal information, as data.
 *
 * 个人信息保护法 §14, §29: sensitive personal information (the ID number, the face) needs its own
 * consent, given knowingly; a changed notice needs consent again. The notice is policy data (a
 * centre replaces it through configuration, with a new version), never text inside a page: the
 * mini program shows what the API serves, and the API records which version a member agreed to.
 */
import * as z from 'zod/mini';
import { plainText } from './schemas/text';

const Paragraph = plainText({ label: '隐私政策正文', min: { length: 1, message: '隐私政策正文不能为空' }, max: 600 });

export const PrivacyNotice = z.object({
  /** A new version asks every member again (at sign-in) before the service goes on. */
  version: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/, { error: '隐私政策版本应为日期，例如 2026-12-01' })),
  title: plainText({ label: '隐私政策标题', min: { length: 1, message: '隐私政策标题不能为空' }, max: 40 }),
  /** What the member reads first, in a sentence or two. */
  summary: Paragraph,
  sections: z.array(z.object({ heading: plainText({ label: '小标题', max: 30 }), text: Paragraph })).check(z.minLength(1)),
  /** The sensitive personal information the separate consent covers, each with why it is needed. */
  sensitive: z
    .array(z.object({ item: plainText({ label: '敏感个人信息', max: 20 }), purpose: plainText({ label: '用途', max: 120 }) }))
    .check(z.minLength(1)),
});
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

export const DEFAULT_PRIVACY_NOTICE: PrivacyNotice = {
  version: '2026-12-01',
  title: '公积金服务隐私政策',
  summary:
    '我们只为办理您的住房公积金业务使用您的个人信息。身份证号码和人脸信息属于敏感个人信息，需要您单独同意；不同意也可以到服务网点柜台办理。',
  sections: [
    {
      heading: '我们收集什么',
      text: '绑定账户时：姓名、身份证号码、手机号码，用来确认您就是公积金账户的本人。办理提取、开具证明等重要业务前：刷脸核验的结果（是否通过）。我们不保存您的人脸照片。',
    },
    {
      heading: '我们怎么用',
      text: '只用于查询余额和明细、办理提取、开具证明、发送到账提醒和好差评。不用于营销，不出售，不提供给与业务无关的单位。',
    },
    {
      heading: '和谁共享',
      text: '只在办理业务需要时：微信（登录和刷脸核验）、银行（把钱转到您的银行卡）、不动产登记和社会保险部门（按规定核对住房和退休信息）。',
    },
    {
      heading: '保存多久',
      text: '公积金账户和明细按档案管理规定长期保存。刷脸核验记录保存 30 天。解除绑定后，这个微信不再能查看您的账户。',
    },
    {
      heading: '您的权利',
      text: '您可以在「设置」里查看已同意的内容、撤回同意或解除绑定。撤回同意会同时解除绑定，账户和余额不受影响，可以到柜台或重新绑定后继续办理。有疑问请拨打服务热线。',
    },
  ],
  sensitive: [
    { item: '身份证号码', purpose: '确认您是公积金账户的本人，防止他人冒用' },
    { item: '人脸信息', purpose: '办理提取、开具证明等重要业务前核验是您本人；只保存是否通过，不保存照片' },
  ],
};

/** What a member sends when agreeing: the version they read, and the separate consent ticked. */
export const ConsentGiven = z.object(
  {
    noticeVersion: z.string({ error: '请先阅读隐私政策' }).check(z.minLength(1, { error: '请先阅读隐私政策' }), z.maxLength(20)),
    sensitiveConsent: z.literal(true, { error: '请单独同意处理身份证号码和人脸信息' }),
  },
  { error: '请先阅读隐私政策，并单独同意处理身份证号码和人脸信息' },
);
export type ConsentGiven = z.infer<typeof ConsentGiven>;

/** The consent to record when a member agrees to `notice` now: its version, the time, the sensitive items. */
export function consentTo(notice: PrivacyNotice, now: Date): { noticeVersion: string; agreedAt: string; sensitiveItems: string[] } {
  return { noticeVersion: notice.version, agreedAt: now.toISOString(), sensitiveItems: notice.sensitive.map(({ item }) => item) };
}

/** Whether what the member agreed to is the notice in force now (the check is the version). */
export function consentIsCurrent(agreedVersion: string | undefined, notice: PrivacyNotice): boolean {
  return agreedVersion === notice.version;
}
