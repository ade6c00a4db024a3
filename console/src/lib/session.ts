/**
 * The staff session, kept for this browser tab only (sessionStorage): a shared counter PC does not
 * stay signed in after the tab is closed. Expiry signs out with a notice on the sign-in page.
 */
import type { ResponseOf, StaffRole } from '@hpf/shared';

export type StaffSession = ResponseOf<'staffLogin'>;

const KEY = 'hpf.console.session';
type Listener = (session: StaffSession | undefined, reason?: SignOutReason) => void;
export type SignOutReason = 'expired' | 'signed-out';

const listeners = new Set<Listener>();

function stored(): StaffSession | undefined {
  const text = sessionStorage.getItem(KEY);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as StaffSession;
  } catch {
    return undefined;
  }
}

export function currentSession(now = Date.now()): StaffSession | undefined {
  const session = stored();
  return session && Date.parse(session.expiresAt) > now ? session : undefined;
}

/** A tab reopened after its session ran out says so, as a sign-out by the timer does. */
export function expiredOnArrival(now = Date.now()): boolean {
  const session = stored();
  return session !== undefined && !(Date.parse(session.expiresAt) > now);
}

export function signedIn(session: StaffSession): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  for (const listener of listeners) listener(session);
}

export function signOut(reason: SignOutReason): void {
  sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener(undefined, reason);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const ROLE_LABELS: Record<StaffRole, string> = {
  DEPOSIT_CLERK: '归集经办',
  ACCOUNT_CLERK: '账户经办',
  REVIEWER: '提取审核',
  AUDITOR: '稽核',
  ADMIN: '系统管理',
};
