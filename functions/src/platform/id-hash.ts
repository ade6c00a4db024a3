import { createHmac } from 'node:crypto';
import { normalizeIdNumber } from '@hpf/shared';

/** Keyed hash of an ID number: lookups work, and a table dump does not reveal ID numbers. */
export function hashIdNumber(idNumber: string, key: string): string {
  return createHmac('sha256', key).update(normalizeIdNumber(idNumber)).digest('base64url');
}
