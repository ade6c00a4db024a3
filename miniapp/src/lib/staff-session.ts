import type { ResponseOf } from '@hpf/shared';
import { storedSession } from './stored-session';

export type StaffSession = ResponseOf<'staffLogin'>;

/** Counter staff sign in on the same phone or PC browser as members: their token lives apart. */
const store = storedSession<StaffSession>('hpf.staffSession');

export const loadStaffSession = store.load;
export const saveStaffSession = store.save;
export const clearStaffSession = store.clear;

export function currentStaffToken(): string | undefined {
  return loadStaffSession()?.token;
}
