/**
 * Keeps certificates honest after they are issued: from the table's stream, an account whose
 * state, balance or paid-up month moved, or a loan that changed, has each of its live certificates
 * compared with the records (`factChanges`), and what differs is written on the certificate — the
 * verify answer then says 内容已变化 and what changed, in the same one read it always makes.
 *
 * The account lists its live certificates (written in the issue transaction, which is conditioned
 * on the account version), so a change committed after an issue always finds that certificate.
 * Failures are reported per record (ReportBatchItemFailures) and retried by the stream; the write
 * is idempotent (the same changes again change nothing).
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { certificateStatus, factChanges, sameChanges, type AccountRecord } from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import {
  dropLiveCertificates,
  getCertificate,
  listLoans,
  liveCertificateEntry,
  parseLiveCertificates,
  setCertificateChanges,
} from '../adapters/certificates-repository';
import { config } from '../platform/config';
import { invocationHandler, log } from '../platform/log';
import { streamImage } from '../platform/stream';

/** The account fields certificates state; a profile write that moves none of them changes no certificate. */
const RELIED_ON: (keyof AccountRecord)[] = ['status', 'frozen', 'paidUpTo', 'balanceFen'];

/** The account to re-check for a stream record, if any. */
async function accountToCheck(tableName: string, record: DynamoDBRecord): Promise<AccountRecord | undefined> {
  const item = streamImage(record, 'NewImage') ?? streamImage(record, 'OldImage');
  if (!item || typeof item.sk !== 'string' || typeof item.pk !== 'string' || !item.pk.startsWith('ACCT#')) return undefined;
  if (item.sk === 'PROFILE') {
    const after = streamImage(record, 'NewImage');
    const before = streamImage(record, 'OldImage');
    if (!after?.liveCertificates?.size) return undefined;
    if (before && RELIED_ON.every((field) => before[field] === after[field])) return undefined;
    return after as AccountRecord;
  }
  if (item.sk.startsWith('LOAN#')) {
    const account = await getAccount(tableName, item.pk.slice('ACCT#'.length), { consistent: true });
    return account && (account as { liveCertificates?: Set<string> }).liveCertificates?.size ? account : undefined;
  }
  return undefined;
}

export async function refreshCertificatesOf(tableName: string, account: AccountRecord, now: Date): Promise<void> {
  const live = parseLiveCertificates((account as { liveCertificates?: Set<string> }).liveCertificates);
  const loans = await listLoans(tableName, account.accountNo);
  const ended: string[] = [];
  await Promise.all(
    live.map(async (entry) => {
      const certificate = entry.expiresAt > now.toISOString() ? await getCertificate(tableName, entry.certificateId) : undefined;
      if (!certificate || certificateStatus(certificate, now) !== 'ACTIVE') {
        ended.push(liveCertificateEntry(entry));
        return;
      }
      const changes = factChanges(certificate, account, loans);
      if (!sameChanges(changes, certificate.changes)) await setCertificateChanges(tableName, certificate.certificateId, changes, now);
    }),
  );
  await dropLiveCertificates(tableName, account.accountNo, ended);
}

export const handler = invocationHandler(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const { tableName } = config();
  const now = new Date();
  for (const record of event.Records) {
    try {
      const account = await accountToCheck(tableName, record);
      if (account) await refreshCertificatesOf(tableName, account, now);
    } catch (error) {
      log('error', 'certificate freshness check failed; the stream will retry', {
        errorName: (error as Error)?.name,
        errorMessage: (error as Error)?.message,
      });
      // records of one shard are in order: this one and the rest come again
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
});
