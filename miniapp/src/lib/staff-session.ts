import type { ResponseOf } from '@hpf/shared';
import { storedSession } from './stored-session';

export type StaffSession = ResponseOf<'staffLogin'>;
export type AgencySession = ResponseOf<'agencyLogin'>;

/** Counter staff sign in on the same phone or PC browser as members: their token lives apart. */
const store = storedSession<StaffSession>('hpf.staffSession');
/** A registered verifying agency's office (查验机构) on its own counter device, kept the same way. */
const agencyStore = storedSession<AgencySession>('hpf.agencySession');

export const loadStaffSession = store.load;
export const loadAgencySession = agencyStore.load;

/** One verifier at a time on a device: signing in as staff or as an agency signs the other out. */
export function saveStaffSession(session: StaffSession): void {
  agencyStore.clear();
  store.save(session);
}

export function saveAgencySession(session: AgencySession): void {
  store.clear();
  agencyStore.save(session);
}

/** Signing out of the counter device: neither verifier stays signed in. */
export function clearStaffSession(): void {
  store.clear();
  agencyStore.clear();
}

export type Verifier = { kind: 'staff'; session: StaffSession } | { kind: 'agency'; session: AgencySession };

export function loadVerifier(): Verifier | undefined {
  const staff = loadStaffSession();
  if (staff) return { kind: 'staff', session: staff };
  const agency = loadAgencySession();
  return agency ? { kind: 'agency', session: agency } : undefined;
}

/**
 * The verifier's token, sent on staff and public-or-verifier routes: counter staff, or else a
 * signed-in agency office (a staff route refuses an agency token).
 */
export function currentStaffToken(): string | undefined {
  return loadVerifier()?.session.token;
}
