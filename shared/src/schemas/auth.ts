import * as z from 'zod/mini';
import { idNumberProblem, mobileProblem, normalizeIdNumber } from '../identity';
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
});
export type BindRequest = z.input<typeof BindRequest>;
