/** Certificates (frozen facts + status), their verification records, and the loans they cite. */
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { AccountRecord, CertificateRecord, CertificateType, FactChange, LoanRecord } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';
import { idempotencyPut } from './idempotency';
import { auditItem, type AuditEvent } from './staff-repository';
import type { FaceGuard } from '../face/guard';

/**
 * The account lists its live certificates (`liveCertificates`, a string set of `<id>@<expiresAt>`),
 * so the freshness worker finds them from the account's own stream record without a query.
 */
export function liveCertificateEntry(certificate: Pick<CertificateRecord, 'certificateId' | 'expiresAt'>): string {
  return `${certificate.certificateId}@${certificate.expiresAt}`;
}

export function parseLiveCertificates(entries: Iterable<string> | undefined): { certificateId: string; expiresAt: string }[] {
  return [...(entries ?? [])].map((entry) => {
    const [certificateId, expiresAt] = entry.split('@');
    return { certificateId, expiresAt };
  });
}

/** Attributes of the certificate item that are the check bookkeeping, not the certificate. */
const RECENT_CHECKS = 'recentChecks';
const WINDOW_COUNTER_PREFIX = 'hits_';

function toRecord(item: Record<string, unknown>): CertificateRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, [RECENT_CHECKS]: _checks, ...rest } = item;
  for (const name of Object.keys(rest)) if (name.startsWith(WINDOW_COUNTER_PREFIX)) delete rest[name];
  return rest as unknown as CertificateRecord;
}

/** The records a certificate's facts were read from: the write is refused if any has moved since. */
export interface FactsBasis {
  account: Pick<AccountRecord, 'version' | 'status' | 'frozen'>;
  loans: Pick<LoanRecord, 'contractNo' | 'status'>[];
}

/**
 * Writes a new certificate, its idempotency record and its entry in the account's live list in
 * one transaction, conditioned on the account (version, state) and the loans being as they were
 * read: facts can never be certified from records that changed before the write, and every change
 * after it reaches the freshness worker with this certificate already listed.
 */
export async function issueCertificateRecord(
  tableName: string,
  certificate: CertificateRecord,
  basis: FactsBasis,
  idempotency: { scope: string; key: string; requestHash: string },
  now: Date,
  /** The face check this issue uses up (policy), second so its refusal is told apart from moved records. */
  face?: FaceGuard,
): Promise<'issued' | 'replay' | 'records-moved'> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          idempotencyPut(tableName, idempotency, { certificateId: certificate.certificateId }, now),
          ...(face ? [face.item] : []),
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.certificate(certificate.certificateId),
                ...keys.certificateListing(certificate.accountNo, certificate.issuedAt),
                ...certificate,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.account(certificate.accountNo),
              UpdateExpression: 'ADD liveCertificates :entry',
              ConditionExpression: 'version = :version AND #status = :status AND frozen = :frozen',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':entry': new Set([liveCertificateEntry(certificate)]),
                ':version': basis.account.version,
                ':status': basis.account.status,
                ':frozen': basis.account.frozen,
              },
            },
          },
          ...basis.loans.map((loan) => ({
            ConditionCheck: {
              TableName: tableName,
              Key: keys.loan(certificate.accountNo, loan.contractNo),
              ConditionExpression: '#status = :status',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':status': loan.status },
            },
          })),
        ],
      }),
    );
    return 'issued';
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const [idem, ...rest] = error.CancellationReasons ?? [];
      if (idem?.Code === 'ConditionalCheckFailed') return 'replay';
      const faceRefusal = await face?.refusalFor(error, 1);
      if (faceRefusal) throw faceRefusal;
      const records = rest.slice(face ? 2 : 1);
      if (records.some((reason) => reason?.Code === 'ConditionalCheckFailed')) return 'records-moved';
    }
    throw error;
  }
}

/**
 * The freshness worker's write: the changes it found, and since when the certificate has had any
 * (kept while changes remain, so a 查验记录 can tell which checks saw a changed certificate).
 */
export async function setCertificateChanges(tableName: string, certificateId: string, changes: FactChange[], now: Date): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.certificate(certificateId),
        UpdateExpression: changes.length
          ? 'SET changes = :changes, changedAt = if_not_exists(changedAt, :now)'
          : 'REMOVE changes, changedAt',
        ConditionExpression: 'attribute_exists(pk)',
        ...(changes.length ? { ExpressionAttributeValues: { ':changes': changes, ':now': now.toISOString() } } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Drops entries of certificates no longer live from the account's list (does not move money or version). */
export async function dropLiveCertificates(tableName: string, accountNo: string, entries: string[]): Promise<void> {
  if (entries.length === 0) return;
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.account(accountNo),
      UpdateExpression: 'DELETE liveCertificates :gone',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':gone': new Set(entries) },
    }),
  ).catch((error) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}

export async function getCertificate(
  tableName: string,
  certificateId: string,
  options: { consistent?: boolean } = {},
): Promise<CertificateRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName, Key: keys.certificate(certificateId), ...(options.consistent ? { ConsistentRead: true } : {}) }),
  );
  return Item ? toRecord(Item) : undefined;
}

export async function listCertificates(tableName: string, accountNo: string, limit = 50): Promise<CertificateRecord[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.certificateListPartition(accountNo) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map(toRecord);
}

/**
 * Revokes an active certificate; `ownerAccountNo` restricts it to the member's own. Returns the
 * revoked record, or undefined when it was not active (or not theirs) at the time of the write.
 */
/**
 * Revokes an active certificate. A staff revocation carries its audit record in the same
 * transaction (the certificate cannot be revoked unaudited, nor audited unrevoked); a member's
 * own is one conditional update.
 */
export async function revokeCertificate(
  tableName: string,
  certificateId: string,
  by: { actor: string; reason: string; ownerAccountNo?: string; audit?: AuditEvent },
  now: Date,
): Promise<CertificateRecord | undefined> {
  const update = {
    TableName: tableName,
    Key: keys.certificate(certificateId),
    UpdateExpression: 'SET #status = :revoked, revokedAt = :now, revokedBy = :actor, revokeReason = :reason',
    ConditionExpression: `attribute_exists(pk) AND #status = :active${by.ownerAccountNo ? ' AND accountNo = :owner' : ''}`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':revoked': 'REVOKED',
      ':active': 'ACTIVE',
      ':now': now.toISOString(),
      ':actor': by.actor,
      ':reason': by.reason,
      ...(by.ownerAccountNo ? { ':owner': by.ownerAccountNo } : {}),
    },
  };
  try {
    if (!by.audit) {
      const { Attributes } = await dynamo().send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
      return Attributes ? toRecord(Attributes) : undefined;
    }
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [{ Update: update }, { Put: { TableName: tableName, Item: auditItem(by.audit, now), ConditionExpression: 'attribute_not_exists(pk)' } }],
      }),
    );
    return getCertificate(tableName, certificateId, { consistent: true });
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return undefined;
    throw error;
  }
}

/**
 * One check of a certificate (查验记录), written beside the certificate read, before its result
 * is known: the result is worked out from the certificate when listed (`checkResultAt`).
 */
export interface VerificationEntry {
  checkedAt: string;
  /** `public`, a staff username or `agency:<login>`: for audit, never shown to the member. */
  checkedBy: string;
  checkerKind: 'public' | 'staff' | 'agency';
  /** How the member sees the reader: 公众扫码, 本中心 营业部柜台, 杭州住房公积金管理中心 西湖分中心. */
  checkedByLabel: string;
  /** The type the code claimed (a mismatch with the record makes the check invalid). */
  claimedType: CertificateType;
  /** The code's two-minute window had passed: the check answered 已过期 without reading. */
  codeExpired: boolean;
  /** Whole values the reader was shown (the audit of a full view). */
  disclosed: string[];
  requestId: string;
  /**
   * This check's own id: what the archive is keyed by and the moves are conditioned on. The
   * request id cannot serve — serverless-offline gives every request the same one.
   */
  checkId: string;
}

/** Verification records expire with the retention the centre keeps them for (3 years). */
const VERIFICATION_RETENTION_SECONDS = 3 * 366 * 24 * 3600;

/**
 * How many checks stay on the certificate item before they move to their own items: most
 * certificates are checked once or twice and never move; the item stays small for every write.
 */
export const RECENT_CHECKS_KEPT = 10;

export type CheckWrite =
  | {
      outcome: 'recorded';
      record: CertificateRecord;
      recentChecks: VerificationEntry[];
      /** The counter attributes on the item: this window's, and any of windows that have passed. */
      windowCounters: string[];
      currentWindowCounter: string;
    }
  | { outcome: 'over-allowance' }
  | { outcome: 'no-certificate' };

/**
 * 扫码即办's one round trip: records a check on the certificate item and counts it against the
 * certificate's allowance for the window, in one conditional write that returns the certificate
 * as it is after the write (facts, status, changes). Once the window's allowance is used up
 * nothing is recorded. The window's count is an attribute of its own (`hits_<window start>`), so
 * a new window needs no reset; old counters go when the checks are archived.
 */
export async function recordCheck(
  tableName: string,
  certificateId: string,
  entry: VerificationEntry,
  window: { seconds: number; max: number },
): Promise<CheckWrite> {
  const seconds = Math.floor(Date.parse(entry.checkedAt) / 1000);
  const windowStart = seconds - (seconds % window.seconds);
  const currentWindowCounter = `${WINDOW_COUNTER_PREFIX}${windowStart}`;
  try {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.certificate(certificateId),
        UpdateExpression: 'ADD #hits :one SET #checks = list_append(if_not_exists(#checks, :none), :entry)',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#hits) OR #hits < :max)',
        ExpressionAttributeNames: { '#hits': currentWindowCounter, '#checks': RECENT_CHECKS },
        ExpressionAttributeValues: { ':one': 1, ':none': [], ':entry': [entry], ':max': window.max },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    const item = Attributes ?? {};
    return {
      outcome: 'recorded',
      record: toRecord(item),
      recentChecks: (item[RECENT_CHECKS] ?? []) as VerificationEntry[],
      windowCounters: Object.keys(item).filter((name) => name.startsWith(WINDOW_COUNTER_PREFIX)),
      currentWindowCounter,
    };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return error.Item ? { outcome: 'over-allowance' } : { outcome: 'no-certificate' };
    throw error;
  }
}

/**
 * Moves the certificate's recent checks to items of their own once there are RECENT_CHECKS_KEPT
 * of them, and drops the counters of windows that have passed. Copies first (idempotent puts
 * keyed by time and request), then removes exactly the copied entries from the head of the list —
 * conditioned on the head still being the first one copied, so two verifies doing this at once
 * remove them once, and checks appended meanwhile stay. A failure leaves the checks where they
 * are (still recorded, still listed) for the next verify to move.
 */
export async function archiveChecksIfDue(
  tableName: string,
  certificateId: string,
  written: Extract<CheckWrite, { outcome: 'recorded' }>,
): Promise<boolean> {
  const moving = written.recentChecks;
  if (moving.length < RECENT_CHECKS_KEPT) return false;
  for (let start = 0; start < moving.length; start += 25) {
    const { UnprocessedItems } = await dynamo().send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: moving.slice(start, start + 25).map((entry) => ({
            PutRequest: {
              Item: {
                ...keys.certificateCheck(certificateId, entry.checkedAt, entry.checkId),
                ...entry,
                ttl: Math.floor(Date.parse(entry.checkedAt) / 1000) + VERIFICATION_RETENTION_SECONDS,
              },
            },
          })),
        },
      }),
    );
    if (UnprocessedItems?.[tableName]?.length) return false;
  }
  const passedCounters = written.windowCounters.filter((name) => name !== written.currentWindowCounter);
  const names: Record<string, string> = { '#checks': RECENT_CHECKS };
  passedCounters.forEach((name, index) => (names[`#w${index}`] = name));
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.certificate(certificateId),
        UpdateExpression: `REMOVE ${[...moving.map((_, index) => `#checks[${index}]`), ...passedCounters.map((_, index) => `#w${index}`)].join(', ')}`,
        ConditionExpression: '#checks[0].checkId = :first',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':first': moving[0].checkId },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false; // another verify moved them
    throw error;
  }
}

/** The certificate's checks, newest first: those still on the certificate item and the archived ones, each once. */
export async function listVerifications(tableName: string, certificateId: string, limit = 100): Promise<VerificationEntry[]> {
  const [{ Item }, { Items = [] }] = await Promise.all([
    dynamo().send(new GetCommand({ TableName: tableName, Key: keys.certificate(certificateId), ProjectionExpression: '#checks', ExpressionAttributeNames: { '#checks': RECENT_CHECKS } })),
    dynamo().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :check)',
        ExpressionAttributeValues: { ':pk': keys.certificate(certificateId).pk, ':check': keys.certificateCheckPrefix },
        ScanIndexForward: false,
        Limit: limit,
      }),
    ),
  ]);
  const recent = [...((Item?.[RECENT_CHECKS] ?? []) as VerificationEntry[])].reverse();
  const archived = Items.map((item) => {
    const { pk: _pk, sk: _sk, ttl: _ttl, ...entry } = item;
    return entry as unknown as VerificationEntry;
  });
  // an entry copied but not yet removed from the item is in both for a moment
  const seen = new Set<string>();
  return [...recent, ...archived]
    .filter((entry) => !seen.has(entry.checkId) && Boolean(seen.add(entry.checkId)))
    .sort((a, b) => (a.checkedAt < b.checkedAt ? 1 : a.checkedAt > b.checkedAt ? -1 : 0))
    .slice(0, limit);
}

export async function listLoans(tableName: string, accountNo: string): Promise<LoanRecord[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :loan)',
      ExpressionAttributeValues: { ':pk': keys.accountPartition(accountNo), ':loan': keys.loanPrefix },
    }),
  );
  return Items.map((item) => {
    const { pk: _pk, sk: _sk, ...loan } = item;
    return loan as unknown as LoanRecord;
  });
}
