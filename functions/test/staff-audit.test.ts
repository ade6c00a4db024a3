/**
 * Staff actions that move money or change a certificate are audited so that none can stand
 * unaudited: a batch is recorded before its first line posts and every entry it posts names the
 * clerk and the request in its own transaction; a staff revocation and its audit record are one
 * transaction (a refused revocation leaves no record); a sign-in's record is written before its
 * session exists.
 */
// (the sign-in case is in staff-login.test.ts)
import { nextMonth } from '@hpf/shared';
import { handler as postBatch } from '../src/deposits/handler';
import { handler as ledger } from '../src/account/get-ledger';
import { handler as issueHandler } from '../src/certificates/issue';
import { faceChecked } from '../../test-support/face';
import { byMember as revokeMine, byStaff as revokeByStaff } from '../src/certificates/revoke';
import { allLedgerEntries, getAccount } from '../src/adapters/accounts-repository';
import { getCertificate } from '../src/adapters/certificates-repository';
import { dueLine } from '../src/dev/synthetic-accounts';
import { config } from '../src/platform/config';
import { auditRecords, withAuditWriteFailing } from '../../test-support/audit';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

// every new certificate passes a face check first (the face rules: face-checks.test.ts)
const issue = faceChecked(issueHandler, 'ISSUE_CERTIFICATE');

const table = useTestTable({ seed: true });
const started = new Date();
let depositClerk: string;
let counter: string;
let renter: string;

beforeAll(async () => {
  [depositClerk, counter, renter] = await Promise.all([staffToken('deposit.clerk'), staffToken('account.clerk'), signIn('demo-renter').then((s) => s.token)]);
});

describe('a deposit batch', () => {
  it('is audited before it posts, and each entry it posts names the clerk and the request', async () => {
    const accountNos = ['310100200001', '310100200003'];
    const lines = [];
    for (const [index, accountNo] of accountNos.entries()) {
      const account = (await getAccount(table.name, accountNo))!;
      lines.push(dueLine(account, index + 1, nextMonth(account.paidUpTo!), config().policy));
    }
    const reply = await invoke(postBatch, { token: depositClerk, body: { batchId: 'AUDIT-TEST-1', lines } });
    expect(reply.status).toBe(200);
    expect(reply.body.counts).toMatchObject({ posted: 2 });

    const posted = [];
    for (const result of reply.body.results) {
      const entry = (await allLedgerEntries(table.name, result.accountNo)).find((e) => e.entryId === result.entryId) as unknown as Record<string, unknown>;
      expect(entry).toMatchObject({ batchId: 'AUDIT-TEST-1', postedBy: 'deposit.clerk' });
      posted.push(entry);
    }
    const requestId = posted[0].requestId as string;
    expect(typeof requestId).toBe('string');
    expect(posted[1].requestId).toBe(requestId);

    const trail = (await auditRecords(table, started)).filter((record) => record.requestId === requestId);
    expect(trail.map((record) => record.action)).toEqual(['deposit-batch.post', 'deposit-batch.outcome']);
    expect(trail[0]).toMatchObject({ actor: 'deposit.clerk', target: 'AUDIT-TEST-1', details: { lines: 2 } });
    expect(trail[1].details).toMatchObject({ lines: 2, posted: 2, duplicate: 0, rejected: 0, pending: 0 });
    // the request was on record before the first entry was written
    for (const entry of posted) expect(trail[0].time <= String(entry.postedAt)).toBe(true);

    // the member's own ledger never shows who posted it
    const mine = await invoke(ledger, { token: renter });
    expect(JSON.stringify(mine.body)).not.toContain('deposit.clerk');
    expect(JSON.stringify(mine.body)).not.toContain(requestId);
  });
});

describe('revoking a certificate', () => {
  let issues = 0;
  async function issued(): Promise<string> {
    issues += 1;
    const reply = await invoke(issue, {
      token: renter,
      body: { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' },
      headers: { 'idempotency-key': `audit-revoke-${issues}` },
    });
    expect(reply.status).toBe(200);
    return reply.body.certificateId;
  }
  const recordsFor = async (certificateId: string) => (await auditRecords(table, started)).filter((record) => record.target === certificateId);

  it('by staff writes its audit record with the revocation, once', async () => {
    const certificateId = await issued();
    const revoked = await invoke(revokeByStaff, { token: counter, params: { certificateId }, body: { reason: '职工申请作废' } });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('REVOKED');

    const again = await invoke(revokeByStaff, { token: counter, params: { certificateId }, body: { reason: '再次作废' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CERT_REVOKED');

    const records = await recordsFor(certificateId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor: 'account.clerk', action: 'certificate.revoke', details: { reason: '职工申请作废' } });
    expect(records[0].time).toBe(revoked.body.revokedAt);
  });

  it('is not done when its audit record cannot be written', async () => {
    const certificateId = await issued();
    const reply = await withAuditWriteFailing(table, () =>
      invoke(revokeByStaff, { token: counter, params: { certificateId }, body: { reason: '职工申请作废' } }),
    );
    expect(reply.status).not.toBe(200);
    const record = await getCertificate(table.name, certificateId, { consistent: true });
    expect(record?.status).toBe('ACTIVE');
    expect(await recordsFor(certificateId)).toEqual([]);
  });

  it('of a certificate that does not exist leaves no record', async () => {
    const reply = await invoke(revokeByStaff, { token: counter, params: { certificateId: 'AAAAAAAAAAAAAAAA' }, body: { reason: '作废' } });
    expect(reply.status).toBe(404);
    expect(await recordsFor('AAAAAAAAAAAAAAAA')).toEqual([]);
  });

  it("by the member is the member's own act: no staff audit record", async () => {
    const certificateId = await issued();
    expect((await invoke(revokeMine, { token: renter, params: { certificateId } })).status).toBe(200);
    expect(await recordsFor(certificateId)).toEqual([]);
  });
});
