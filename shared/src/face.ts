/**
 * 人脸核验 for sensitive acts, as pure rules: which acts need a check (policy `face`), and whether
 * a recorded check may be used for one act. The server enforces the same rule twice: as an early,
 * plain-words refusal, and as the condition of the act's own DynamoDB transaction (so a check is
 * used at most once even when two requests race with it).
 */
import * as z from 'zod/mini';
import type { ErrorCode } from './errors';

export const FacePurpose = z.enum(['BIND', 'WITHDRAWAL', 'CHANGE_CARD', 'UNLOCK_WITHDRAWAL', 'RAISE_LIMIT', 'ISSUE_CERTIFICATE', 'RETIREMENT', 'LOAN_AGREEMENT']);
export type FacePurpose = z.infer<typeof FacePurpose>;

/** What the member is told the check is for (the face step names the act it protects). */
export const FACE_PURPOSE_LABELS: Record<FacePurpose, string> = {
  BIND: '实名绑定',
  WITHDRAWAL: '提取申请',
  CHANGE_CARD: '更换收款银行卡',
  UNLOCK_WITHDRAWAL: '关闭提取锁',
  RAISE_LIMIT: '调高个人每月提取上限',
  ISSUE_CERTIFICATE: '开具证明',
  RETIREMENT: '离退休提取（全部提取并销户）',
  LOAN_AGREEMENT: '签约用公积金按月还贷',
};

export const FacePolicy = z.object({
  /** The acts that need a passed check just before them. */
  requiredFor: z.array(FacePurpose),
  /** How long a passed check may be used (once) for its act. */
  validSeconds: z.int().check(z.minimum(30), z.maximum(3600)),
  /** Checks that did not pass, per WeChat user and window, before we stop offering more. */
  maxFailures: z.int().check(z.minimum(1)),
  /**
   * Checks started per WeChat user and window, and for 实名绑定 per ID number, passed or not: each
   * start asks WeChat for a verify id (a billed call) aimed at a person's name and ID number, and
   * a start left unfinished is never counted as a failure.
   */
  maxStarts: z.int().check(z.minimum(1)),
  windowSeconds: z.int().check(z.minimum(60)),
});
export type FacePolicy = z.infer<typeof FacePolicy>;

// The national HPF mini program and 个人所得税 ask again for each such act; five minutes is enough
// to finish the form that follows the check and too short to keep a check "in the pocket".
export const DEFAULT_FACE_POLICY: FacePolicy = {
  requiredFor: ['BIND', 'WITHDRAWAL', 'CHANGE_CARD', 'UNLOCK_WITHDRAWAL', 'RAISE_LIMIT', 'ISSUE_CERTIFICATE', 'RETIREMENT', 'LOAN_AGREEMENT'],
  validSeconds: 300,
  maxFailures: 3,
  // a member does a few sensitive acts a day at most; a retry after a cancel is a start too
  maxStarts: 30,
  windowSeconds: 24 * 3600,
};

export function faceCheckRequired(policy: FacePolicy, purpose: FacePurpose): boolean {
  return policy.requiredFor.includes(purpose);
}

/** A recorded check, as far as the rule needs it (no face image is ever kept; only this). */
export interface FaceCheckRecord {
  checkId: string;
  purpose: FacePurpose;
  /** The WeChat user who ran it. */
  openid: string;
  /** The account it was run for (absent for 实名绑定, which has no account yet). */
  accountNo?: string;
  /** 实名绑定: keyed hash of the ID number the check was bound to. */
  idHash?: string;
  status: 'PENDING' | 'PASSED' | 'CANCELLED' | 'FAILED';
  /** PASSED only: the last moment it may be used. */
  validUntil?: string;
  usedAt?: string;
}

/** Who is about to act, and for what. */
export interface FaceCheckUse {
  purpose: FacePurpose;
  openid: string;
  accountNo?: string;
  idHash?: string;
}

/**
 * Why this check cannot be used for this act now, or undefined when it can. Another member's or
 * another purpose's check reads alike to the caller: both are "not for this".
 */
export function faceCheckProblem(record: FaceCheckRecord | undefined, use: FaceCheckUse, now: Date): ErrorCode | undefined {
  if (!record || record.openid !== use.openid) return 'FACE_CHECK_REQUIRED';
  if (record.status !== 'PASSED' || !record.validUntil) return 'FACE_CHECK_REQUIRED';
  if (record.purpose !== use.purpose) return 'FACE_CHECK_MISMATCH';
  if (use.accountNo !== undefined && record.accountNo !== use.accountNo) return 'FACE_CHECK_MISMATCH';
  if (use.idHash !== undefined && record.idHash !== use.idHash) return 'FACE_CHECK_MISMATCH';
  if (record.usedAt) return 'FACE_CHECK_USED';
  if (Date.parse(record.validUntil) <= now.getTime()) return 'FACE_CHECK_EXPIRED';
  return undefined;
}

/**
 * The purpose a withdrawal-settings change needs a check for, if any: turning 提取锁 off, or
 * allowing more per month than now (removing a personal limit allows the city's cap). Turning the
 * lock on or lowering the limit protects the member and needs none. A change that does both asks
 * for the unlock check: one act, one check.
 */
export function settingsFacePurpose(
  current: { locked: boolean; personalMonthlyLimitFen?: number },
  change: { locked?: boolean; personalMonthlyLimitFen?: number | null },
  cityCapFen: number,
): FacePurpose | undefined {
  if (current.locked && change.locked === false) return 'UNLOCK_WITHDRAWAL';
  if (change.personalMonthlyLimitFen === undefined) return undefined;
  const before = current.personalMonthlyLimitFen ?? cityCapFen;
  const after = change.personalMonthlyLimitFen ?? cityCapFen;
  return after > before ? 'RAISE_LIMIT' : undefined;
}

/** How WeChat's verify_ret reads to the member: passed, cancelled by them, or not passed. */
export type FaceOutcome = 'PASSED' | 'CANCELLED' | 'FAILED';

/** WeChat's queryVerifyInfo `verify_ret`: 10000 is the only success; 90002-90006 and 90024 are the user leaving. */
export function faceOutcomeOf(verifyRet: number): FaceOutcome {
  if (verifyRet === 10000) return 'PASSED';
  if ((verifyRet >= 90002 && verifyRet <= 90006) || verifyRet === 90024) return 'CANCELLED';
  return 'FAILED';
}
