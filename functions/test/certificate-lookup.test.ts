/**
 * 电子证明 look-up without a code (POST /v1/staff/certificate-search) on DynamoDB Local: staff find
 * a member's issued certificates by account number or by ID number (hashed), newest first, each
 * with its state now (valid, revoked — by whom and why — or expired), and revoke one with the reason
 * through the existing staff revocation; members and reviewers (who do not look members up) are refused.
 */
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as issueHandler } from '../src/certificates/issue';
import { byMember as revokeMine, byStaff as revokeByStaff } from '../src/certificates/revoke';
import { handler as search } from '../src/certificates/staff-search';
import { idNumber } from '../src/dev/demo-members';
import { keys } from '../src/platform/keys';
import { faceChecked } from '../../test-support/face';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
const issue = faceChecked(issueHandler, 'ISSUE_CERTIFICATE');
const RENTER = '310100200001';
const RENTER_ID = idNumber('31010419960512003');

let renter: string;
const issued: string[] = [];

beforeAll(async () => {
  renter = (await signIn('demo-renter')).token;
  // three certificates: one stays valid, one the member revokes, one runs out
  for (const purpose of ['HOME_PURCHASE', 'OTHER', 'SCHOOL']) {
    const reply = await invoke(issue, { token: renter, body: { type: 'DEPOSIT', purpose }, headers: { 'idempotency-key': `lookup-${purpose}` } });
    expect(reply.status).toBe(200);
    issued.push(reply.body.certificateId);
  }
  expect((await invoke(revokeMine, { token: renter, params: { certificateId: issued[1] } })).status).toBe(200);
  await DynamoDBDocumentClient.from(table.client).send(
    new UpdateCommand({
      TableName: table.name,
      Key: keys.certificate(issued[2]),
      UpdateExpression: 'SET expiresAt = :past',
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
    }),
  );
});

const states = (body: any) => Object.fromEntries(body.certificates.map((c: any) => [c.certificateId, c.status]));

describe('电子证明 look-up without a code', () => {
  it('finds the member by account number: every certificate, newest first, with its state now', async () => {
    const reply = await invoke(search, { token: await staffToken('deposit.clerk'), body: { accountNo: RENTER } });
    expect(reply.status).toBe(200);
    expect(reply.body.holder).toEqual({ accountNo: RENTER, name: '张明', idNumberMasked: expect.stringMatching(/^3101\*+\d{3}[\dX]$/) });
    expect(states(reply.body)).toEqual({ [issued[0]]: 'ACTIVE', [issued[1]]: 'REVOKED', [issued[2]]: 'EXPIRED' });
    const times = reply.body.certificates.map((c: any) => c.issuedAt);
    expect(times).toEqual([...times].sort().reverse());
    const mine = reply.body.certificates.find((c: any) => c.certificateId === issued[1]);
    // the member's own revocation, named as such (never by its WeChat session)
    expect(mine).toMatchObject({ typeLabel: '缴存证明', revokedBy: '职工本人', revokeReason: '本人撤销' });
    expect(reply.text).not.toContain(RENTER_ID);
  });

  it('finds the same member by ID number (hashed), and nobody for an ID number not on file', async () => {
    const token = await staffToken('auditor');
    const byId = await invoke(search, { token, body: { idNumber: RENTER_ID } });
    expect(byId.status).toBe(200);
    expect(byId.body.holder.accountNo).toBe(RENTER);
    expect(byId.body.certificates).toHaveLength(3);
    const nobody = await invoke(search, { token, body: { idNumber: idNumber('11010119900101123') } });
    expect(nobody.body).toEqual({ certificates: [] });
    expect((await invoke(search, { token, body: { accountNo: '310100999999' } })).body).toEqual({ certificates: [] });
  });

  it('staff revoke one found with the reason; the look-up then shows who and why', async () => {
    const clerk = await staffToken('account.clerk');
    const revoked = await invoke(revokeByStaff, { token: clerk, params: { certificateId: issued[0] }, body: { reason: '职工报告证明被他人冒用' } });
    expect(revoked.body.status).toBe('REVOKED');
    const reply = await invoke(search, { token: clerk, body: { accountNo: RENTER } });
    expect(reply.body.certificates.find((c: any) => c.certificateId === issued[0])).toMatchObject({
      status: 'REVOKED',
      revokedBy: 'account.clerk',
      revokeReason: '职工报告证明被他人冒用',
    });
  });

  it('asks for exactly one of account number and ID number, in words, and refuses members and reviewers', async () => {
    const token = await staffToken('deposit.clerk');
    const both = await invoke(search, { token, body: { accountNo: RENTER, idNumber: RENTER_ID } });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body.error)).toContain('请只按个人账号或只按身份证号查询');
    const short = await invoke(search, { token, body: { accountNo: '3101' } });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body.error)).toContain('个人账号应为 12 位数字');
    const wrongId = await invoke(search, { token, body: { idNumber: '310104199605120030' } });
    expect(wrongId.status).toBe(400);
    const member = await invoke(search, { token: renter, body: { accountNo: RENTER } });
    expect(member.status).toBe(403);
    // reviewers verify the codes shown to them; looking members up is account search's roles'
    const reviewer = await invoke(search, { token: await staffToken('reviewer.a'), body: { accountNo: RENTER } });
    expect(reviewer.status).toBe(403);
  });
});
