/** Certificates (frozen facts + status), their verification records, and the loans they cite. */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { CertificateRecord, LoanRecord, VerifyResult } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';

function toRecord(item: Record<string, unknown>): CertificateRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as unknown as CertificateRecord;
}

export async function putCertificate(tableName: string, certificate: CertificateRecord): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.certificate(certificate.certificateId),
        ...keys.certificateListing(certificate.accountNo, certificate.issuedAt),
        ...certificate,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getCertificate(tableName: string, certificateId: string): Promise<CertificateRecord | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.certificate(certificateId) }));
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
export async function revokeCertificate(
  tableName: string,
  certificateId: string,
  by: { actor: string; reason: string; ownerAccountNo?: string },
  now: Date,
): Promise<CertificateRecord | undefined> {
  try {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
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
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? toRecord(Attributes) : undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

export interface VerificationEntry {
  checkedAt: string;
  checkedBy: string;
  result: VerifyResult;
}

/** Verification records expire with the retention the centre keeps them for (3 years). */
const VERIFICATION_RETENTION_SECONDS = 3 * 366 * 24 * 3600;

export async function recordVerification(tableName: string, certificateId: string, entry: VerificationEntry): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.verification(certificateId, entry.checkedAt, randomBytes(4).toString('hex')),
        ...entry,
        ttl: Math.floor(Date.parse(entry.checkedAt) / 1000) + VERIFICATION_RETENTION_SECONDS,
      },
    }),
  );
}

export async function listVerifications(tableName: string, certificateId: string, limit = 100): Promise<VerificationEntry[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :verify)',
      ExpressionAttributeValues: { ':pk': keys.certificate(certificateId).pk, ':verify': keys.verificationPrefix },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => ({ checkedAt: item.checkedAt, checkedBy: item.checkedBy, result: item.result }));
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
