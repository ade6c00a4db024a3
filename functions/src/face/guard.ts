/**
 * What a sensitive act does about 人脸核验 before its write: nothing when the policy does not ask
 * for a check for this purpose; otherwise a plain-words refusal now when the check sent cannot be
 * used, and the check's use as an item for the act's own transaction, which is the real guard.
 */
import { DomainError, faceCheckProblem, faceCheckRequired, type FaceCheckUse, type Policy } from '@hpf/shared';
import { faceCheckRefusal, getFaceCheck, refusedAt, useFaceCheckItem } from '../adapters/face-checks-repository';
import type { TransactItem } from '../adapters/ledger-repository';

export interface FaceGuard {
  checkId: string;
  use: FaceCheckUse;
  /** Goes into the act's transaction. */
  item: TransactItem;
  /** After the act's transaction was cancelled: the refusal when the check's item was the cause. */
  refusalFor(error: unknown, index: number): Promise<DomainError | undefined>;
}

export async function guardFaceCheck(
  options: { tableName: string; policy: Policy; checkId: string | undefined; now: Date; usedFor: string },
  use: FaceCheckUse,
): Promise<FaceGuard | undefined> {
  const { tableName, policy, checkId, now } = options;
  if (!faceCheckRequired(policy.face, use.purpose)) return undefined;
  if (!checkId) throw new DomainError('FACE_CHECK_REQUIRED');
  const problem = faceCheckProblem(await getFaceCheck(tableName, checkId), use, now);
  if (problem) throw new DomainError(problem);
  return {
    checkId,
    use,
    item: useFaceCheckItem(tableName, checkId, use, now, options.usedFor),
    refusalFor: async (error, index) => (refusedAt(error, index) ? faceCheckRefusal(tableName, checkId, use, now) : undefined),
  };
}
