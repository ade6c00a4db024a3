/** Many plain accounts for volume tests and the benchmark: normal state, zero balance, no ledger yet. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { idNumberCheckChar, type AccountRecord, type DepositLine, type Policy, monthlyDeposit } from '@hpf/shared';
import { keys } from '../platform/keys';
import { writeAll } from './seed';

export function syntheticAccount(index: number, prefix = '9'): AccountRecord {
  const accountNo = `${prefix}${String(index).padStart(11 - prefix.length + 1, '0')}`.slice(0, 12);
  const first17 = `3101011990${String(index % 10_000_000).padStart(7, '0')}`;
  return {
    accountNo,
    name: `职工${index}`,
    idNumber: `${first17}${idNumberCheckChar(first17)}`,
    phone: `139${String(index).padStart(8, '0')}`.slice(0, 11),
    employer: `测试单位${index % 50}`,
    openedOn: '2020-01-01',
    status: 'NORMAL',
    frozen: false,
    balanceFen: 0,
    depositBaseFen: 500_000 + (index % 97) * 10_011,
    unitRateBasisPoints: 500 + (index % 8) * 100,
    personalRateBasisPoints: 500 + (index % 8) * 100,
    depositedMonths: [],
    continuousMonths: 0,
    missedMonths: 0,
    version: 0,
  };
}

export async function writeSyntheticAccounts(client: DynamoDBClient, tableName: string, accounts: AccountRecord[]): Promise<void> {
  const items = accounts.map((account) => ({ ...keys.account(account.accountNo), ...keys.accountListing(account.accountNo), ...account }));
  await writeAll(DynamoDBDocumentClient.from(client), tableName, items);
}

/** The deposit line an employer owes for an account and month, as the bank would send it. */
export function dueLine(account: AccountRecord, lineNo: number, month: string, policy: Policy): DepositLine {
  const due = monthlyDeposit(account, policy);
  return { lineNo, accountNo: account.accountNo, name: account.name, month, unitFen: due.unitFen, personalFen: due.personalFen };
}
