/**
 * An account of a test's own, made from a seeded member's record: a fresh ledger (no head, no
 * live certificates) opened with one OPENING entry through the ledger's posting path, so
 * balance = Σ ledger and the hash chain hold from its first entry.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate, type AccountRecord } from '@hpf/shared';
import { post } from '../functions/src/adapters/ledger-repository';
import { dynamo } from '../functions/src/platform/dynamo';
import { keys } from '../functions/src/platform/keys';

export async function openedAccount(
  tableName: string,
  template: AccountRecord,
  fields: Partial<AccountRecord> & Pick<AccountRecord, 'accountNo' | 'idNumber' | 'name'>,
  opening: { fen: number; on?: string; at?: Date; dropOpenid?: boolean; drop?: (keyof AccountRecord)[] },
): Promise<AccountRecord> {
  const account = { ...template, balanceFen: 0, version: 0, ...fields } as AccountRecord;
  for (const field of ['ledgerHead', 'liveCertificates', ...(opening.dropOpenid ? ['wechatOpenid'] : []), ...(opening.drop ?? [])]) delete (account as unknown as Record<string, unknown>)[field];
  await dynamo().send(new PutCommand({ TableName: tableName, Item: { ...keys.account(account.accountNo), ...keys.accountListing(account.accountNo), ...account } }));
  const at = opening.at ?? new Date();
  const opened = await post({
    tableName,
    accountNo: account.accountNo,
    postedAt: at,
    guards: [],
    plan: (a) => ({ ok: true, plan: { entry: { kind: 'OPENING', amountFen: opening.fen, valueDate: opening.on ?? chinaDate(at), description: '期初余额' }, account: { balanceFen: a.balanceFen + opening.fen, version: a.version + 1 } } }),
  });
  if (opened.outcome !== 'posted') throw new Error(`the opening entry of ${account.accountNo} was not posted: ${JSON.stringify(opened)}`);
  return account;
}
