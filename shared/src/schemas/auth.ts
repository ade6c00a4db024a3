import * as z from 'zod/mini';
import { isValidIdNumber, isValidMobile, normalizeIdNumber } from '../identity';
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
    z.string().check(z.trim(), z.maxLength(18, { error: '身份证号应为 18 位' })),
    z.transform(normalizeIdNumber),
  ).check(z.refine(isValidIdNumber, { error: '身份证号不正确，请核对（最后一位可能是 X）' })),
  phone: z.string().check(
    z.trim(),
    z.refine(isValidMobile, { error: '手机号应为 11 位数字' }),
  ),
});
export type BindRequest = z.input<typeof BindRequest>;
