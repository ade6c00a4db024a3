import type { SessionResponse } from '@hpf/shared';
import { storedSession } from './stored-session';

export type StoredSession = SessionResponse;

const store = storedSession<StoredSession>('hpf.session');

/** The saved session, or undefined when there is none or it has expired. */
export const loadSession = store.load;
export const saveSession = store.save;
export const clearSession = store.clear;

export function currentToken(): string | undefined {
  return loadSession()?.token;
}
