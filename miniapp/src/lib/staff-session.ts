import Taro from '@tarojs/taro';
import type { ResponseOf } from '@hpf/shared';

/** Counter staff sign in on the same phone or PC browser as members: their token lives apart. */
const STORAGE_KEY = 'hpf.staffSession';

export type StaffSession = ResponseOf<'staffLogin'>;

export function loadStaffSession(now: number = Date.now()): StaffSession | undefined {
  let stored: unknown;
  try {
    stored = Taro.getStorageSync(STORAGE_KEY);
  } catch {
    return undefined;
  }
  if (!stored || typeof stored !== 'object') return undefined;
  const session = stored as StaffSession;
  if (typeof session.token !== 'string' || Date.parse(session.expiresAt) <= now) return undefined;
  return session;
}

export function saveStaffSession(session: StaffSession): void {
  Taro.setStorageSync(STORAGE_KEY, session);
}

export function clearStaffSession(): void {
  try {
    Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

export function currentStaffToken(): string | undefined {
  return loadStaffSession()?.token;
}
