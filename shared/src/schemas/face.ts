import * as z from 'zod/mini';
import { FacePurpose } from '../face';
import { BindRequest } from './auth';

/**
 * Asks for a face check before one act. 实名绑定 has no account yet, so it names the person the
 * check is bound to (the same name and ID number the binding form then sends); every other act
 * takes them from the member's account.
 */
export const FaceCheckStartRequest = z.object({
  purpose: FacePurpose,
  name: z.optional(BindRequest.shape.name),
  idNumber: z.optional(BindRequest.shape.idNumber),
});

export const FaceCheckStart = z.object({
  /** Ours: sent with the act (header `Face-Check-Id`) once the check has passed. */
  checkId: z.string(),
  /** WeChat's: the mini program hands it to wx.requestFacialVerify. */
  verifyId: z.string(),
  /** After this the verify id cannot start a check any more. */
  expiresAt: z.string(),
  purpose: FacePurpose,
});

export const FaceCheckIdParam = z.object({
  checkId: z.string().check(z.regex(/^F[0-9A-Za-z]{10,31}$/, { error: '核验编号不正确' })),
});

/** 实名绑定's result needs the person again: their data is never kept with the check. */
export const FaceCheckResultRequest = z.object({
  name: z.optional(BindRequest.shape.name),
  idNumber: z.optional(BindRequest.shape.idNumber),
});

export const FaceCheckResult = z.object({
  checkId: z.string(),
  purpose: FacePurpose,
  /** PASSED may be used once, for its purpose, until validUntil. */
  status: z.enum(['PASSED', 'CANCELLED', 'FAILED']),
  validUntil: z.optional(z.string()),
  /** Checks this WeChat user may still try today before being sent to the counter. */
  attemptsLeft: z.int(),
  message: z.string(),
});
export type FaceCheckResult = z.infer<typeof FaceCheckResult>;
