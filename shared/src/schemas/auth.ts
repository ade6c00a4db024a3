import * as z from 'zod/mini';
import { idNumberProblem, mobileProblem, normalizeIdNumber } from '../identity';
import { ConsentGiven, PrivacyNotice } from '../privacy-notice';
import { plainText } from './text';

export const WechatLoginRequest = z.object({
  code: z.string().check(z.minLength(1, { error: '缺少微信登录凭证' }), z.maxLength(128)),
});
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>;

export const SessionResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  bound: z.boolean(),
  /** Shown so the member knows which account the phone is bound to. */
  accountName: z.optional(z.string()),
  /**
   * Bound, but what the member agreed to is not the privacy notice in force: the mini program
   * shows the new notice (GET /v1/privacy-notice) and asks again before going on.
   */
  consentNeeded: z.optional(z.boolean()),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const BindRequest = z.object({
  name: plainText({ label: '姓名', min: { length: 2, message: '请填写姓名' }, max: 30 }),
  idNumber: z.pipe(
    z.string({ error: '请填写身份证号' }).check(z.trim(), z.maxLength(40, { error: '身份证号应为 18 位' })),
    z.transform(normalizeIdNumber),
  ).check(z.refine((id) => idNumberProblem(id) === undefined, { error: (issue) => idNumberProblem(String(issue.input)) })),
  phone: z.string({ error: '请填写手机号' }).check(
    z.trim(),
    z.refine((phone) => mobileProblem(phone) === undefined, { error: (issue) => mobileProblem(String(issue.input)) }),
  ),
  /** The privacy notice read and the separate consent (单独同意) for the ID number and the face. */
  consent: ConsentGiven,
});
export type BindRequest = z.input<typeof BindRequest>;

export const PrivacyNoticeResponse = PrivacyNotice;

/** One version of the notice the member agreed to, and when; withdrawn ones say when. */
export const ConsentRecordView = z.object({
  noticeVersion: z.string(),
  agreedAt: z.string(),
  /** The sensitive personal information the separate consent covered. */
  sensitiveItems: z.array(z.string()),
  withdrawnAt: z.optional(z.string()),
});

export const MyConsentResponse = z.object({
  /** The notice in force now. */
  currentVersion: z.string(),
  /** Whether the member's consent covers the notice in force. */
  current: z.boolean(),
  /** Newest first. */
  records: z.array(ConsentRecordView),
});
export type MyConsentResponse = z.infer<typeof MyConsentResponse>;

export const AgreeConsentRequest = ConsentGiven;

export const UnbindRequest = z.object({
  /** 撤回同意: the consent record says withdrawn as well; unbinding follows either way. */
  withdrawConsent: z.boolean({ error: '请说明是否同时撤回同意' }),
});
export type UnbindRequest = z.infer<typeof UnbindRequest>;

export const UnbindResponse = z.object({
  unbound: z.literal(true),
  /** When every session of this WeChat user ended. */
  endedAt: z.string(),
  consentWithdrawn: z.boolean(),
});
