/**
 * Password sign-in for the centre's staff and for registered agencies alike: throttled per login
 * name (failures counted in a window), the same answer for an unknown name and a wrong password
 * (an unknown name still costs one hash), a disabled account refused after the password.
 */
import { DomainError, type ErrorCode } from '@hpf/shared';
import { failureCount, recordFailure } from '../adapters/attempts-repository';
import { config } from './config';
import { UNKNOWN_USER_HASH, verifyPassword } from './passwords';

export async function signInWithPassword<U extends { passwordHash: string; disabled: boolean }>(options: {
  scope: string;
  username: string;
  password: string;
  findUser: (tableName: string, username: string) => Promise<U | undefined>;
  disabledCode: ErrorCode;
  now: Date;
}): Promise<U> {
  const { tableName, policy } = config();
  const window = { seconds: policy.staffLogin.windowSeconds };
  if ((await failureCount(tableName, options.scope, options.username, window, options.now)) >= policy.staffLogin.maxFailures) {
    throw new DomainError('TOO_MANY_ATTEMPTS');
  }
  const user = await options.findUser(tableName, options.username);
  const passwordOk = await verifyPassword(options.password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!user || !passwordOk) {
    await recordFailure(tableName, options.scope, options.username, window, options.now);
    throw new DomainError('STAFF_LOGIN_FAILED');
  }
  if (user.disabled) throw new DomainError(options.disabledCode);
  return user;
}
