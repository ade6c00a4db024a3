import Taro from '@tarojs/taro';
import type { SessionResponse } from '@hpf/shared';

const STORAGE_KEY = 'hpf.session';

export type StoredSession = SessionResponse;

/** The saved session, or undefined when there is none or it has expired. */
export function loadSession(now: number = Date.now()): StoredSession | undefined {
  let stored: unknown;
  try {
    stored = Taro.getStorageSync(STORAGE_KEY);
  } catch {
    return undefined;
  }
  if (!stored || typeof stored !== 'object') return undefined;
  const session = stored as StoredSession;
  if (typeof session.token !== 'string' || Date.parse(session.expiresAt) <= now) return undefined;
  return session;
}

export function saveSession(session: SessionResponse): void {
  Taro.setStorageSync(STORAGE_KEY, session);
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

export function currentToken(): string | undefined {
  return loadSession()?.token;
}
