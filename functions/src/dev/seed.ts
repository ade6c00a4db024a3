/** Writes the demo members into a table: profiles, ledgers, real-name lookups and bindings. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hashIdNumber } from '../platform/id-hash';
import { keys } from '../platform/keys';
import { demoMembers, type DemoMember } from './demo-members';
import { DEMO_AGENCIES, DEMO_STAFF } from './demo-staff';
import { agencyUserItem } from '../adapters/agency-repository';
import { hashPassword } from '../platform/passwords';
import { staffUserItem } from '../adapters/staff-repository';
import { accountNameItem } from '../adapters/account-admin-repository';
import { bindingItem, consentItem } from '../adapters/bindings-repository';
import { repaymentItem } from '../adapters/loans-repository';
import { consentTo, DEFAULT_PRIVACY_NOTICE } from '@hpf/shared';

export async function writeAll(doc: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error('seed: DynamoDB kept items unprocessed');
      const { UnprocessedItems } = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      if (requests.length) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

export function seedItems(members: DemoMember[], idHashKey: string, now: Date): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (const { account, ledger, bound, openid, loans, repayments } of members) {
    for (const loan of loans) items.push({ ...keys.loan(account.accountNo, loan.contractNo), ...loan });
    for (const repayment of repayments) items.push(repaymentItem(account.accountNo, repayment));
    const idHash = hashIdNumber(account.idNumber, idHashKey);
    items.push({
      ...keys.account(account.accountNo),
      ...keys.accountListing(account.accountNo),
      ...account,
      ...(bound ? { wechatOpenid: openid } : {}),
    });
    for (const entry of ledger) {
      items.push({ ...keys.ledgerEntry(account.accountNo, entry.entryId), ...entry });
      // the month marker a posting would have written, so the seeded months cannot post again
      if (entry.depositMonth) {
        items.push({ ...keys.depositMonth(account.accountNo, entry.depositMonth), accountNo: account.accountNo, entryId: entry.entryId, month: entry.depositMonth, batchId: 'DEMO-SEED', lineNo: 0, createdAt: entry.postedAt });
      }
      // and the year marker the settlement would have written, so a seeded year cannot settle again
      if (entry.interestYear) {
        items.push({ ...keys.interestYear(account.accountNo, entry.interestYear), year: entry.interestYear, interestFen: entry.amountFen, accountNo: account.accountNo, entryId: entry.entryId, createdAt: entry.postedAt });
      }
    }
    items.push(accountNameItem(account));
    items.push({
      ...keys.memberByIdHash(idHash),
      accountNo: account.accountNo,
      ...(bound ? { boundOpenid: openid, boundAt: now.toISOString() } : {}),
    });
    if (bound) {
      // bound members agreed to the notice in force when they bound, as binding records it
      const consent = consentTo(DEFAULT_PRIVACY_NOTICE, now);
      items.push(bindingItem({ openid, accountNo: account.accountNo, boundAt: now.toISOString(), consentVersion: consent.noticeVersion, consentAt: consent.agreedAt, idHash }));
      items.push(consentItem(openid, account.accountNo, consent));
    }
  }
  return items;
}

/** The demo staff and the demo verifying agencies: the sign-ins of the local stack. */
async function staffItems(): Promise<Record<string, unknown>[]> {
  return Promise.all([
    ...DEMO_STAFF.map(async ({ password, ...user }) => staffUserItem({ ...user, passwordHash: await hashPassword(password), disabled: false })),
    ...DEMO_AGENCIES.map(async ({ password, ...user }) => agencyUserItem({ ...user, passwordHash: await hashPassword(password), disabled: false })),
  ]);
}

/** Only the demo staff (volume tests bring their own accounts). */
export async function seedStaffOnly(client: DynamoDBClient, tableName: string): Promise<void> {
  await writeAll(DynamoDBDocumentClient.from(client), tableName, await staffItems());
}

export async function seedDemoData(client: DynamoDBClient, tableName: string, idHashKey: string, now = new Date()): Promise<DemoMember[]> {
  const members = demoMembers(now);
  const doc = DynamoDBDocumentClient.from(client);
  await writeAll(doc, tableName, [...seedItems(members, idHashKey, now), ...(await staffItems())]);
  return members;
}
