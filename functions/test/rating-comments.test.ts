/**
 * 好差评 comments are personal data: on DynamoDB Local, with a centre whose policy lets reviewers
 * and auditors read them (`rating.commentRoles`), a reviewer reads the member's words in the case
 * and an auditor in the export; an account clerk sees the case but only that there is a comment,
 * and an administrator's export carries none. No export carries the phone.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate, DEFAULT_RATING_POLICY } from '@hpf/shared';
import { DEMO_STAFF_PASSWORD } from '../src/dev/demo-staff';
import { staffUserItem } from '../src/adapters/staff-repository';
import { dynamo } from '../src/platform/dynamo';
import { hashPassword } from '../src/platform/passwords';
import { rate } from '../src/ratings/member';
import { detail, exportMonth, list } from '../src/ratings/staff';
import { endedWithdrawal } from '../../test-support/ended-withdrawal';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

// read at the handlers' first use (their cold start), after this line
process.env.POLICY_JSON = JSON.stringify({ ...JSON.parse(process.env.POLICY_JSON ?? '{}'), rating: { commentRoles: ['REVIEWER', 'AUDITOR'] } });

const table = useTestTable({ seed: true });
const RENTER = '310100200001';
const COMMENT = '窗口说材料不全，却没说缺哪一份';

describe('好差评: who reads the member’s comment', () => {
  let caseId: string;
  let month: string;
  let phone: string;
  beforeAll(async () => {
    await dynamo().send(
      new PutCommand({
        TableName: table.name,
        Item: staffUserItem({ username: 'admin.test', displayName: '管理员', roles: ['ADMIN'], passwordHash: await hashPassword(DEMO_STAFF_PASSWORD), disabled: false }),
      }),
    );
    const endedAt = new Date(Date.now() - 60_000);
    const serviceId = await endedWithdrawal(table.name, RENTER, 'REJECTED', endedAt);
    const member = (await signIn('demo-renter')).token;
    const rated = await invoke(rate, { token: member, body: { serviceId, level: 'VERY_DISSATISFIED', reasons: ['被退回没说明白'], comment: COMMENT } });
    expect(rated.status).toBe(200);
    const reviewer = await staffToken('reviewer.a');
    const opened = (await invoke(list, { token: reviewer, query: { status: 'OPEN' } })).body.cases.find((c: { serviceId: string }) => c.serviceId === serviceId);
    caseId = opened.caseId;
    month = chinaDate(endedAt).slice(0, 7);
    phone = (await invoke(detail, { token: reviewer, params: { caseId } })).body.phone;
  });

  it('by default only the office staff who handle a case read it', () => {
    expect(DEFAULT_RATING_POLICY.commentRoles).toEqual(['REVIEWER', 'ACCOUNT_CLERK']);
  });

  it('a reviewer reads it in the list and the case; an account clerk is told only that there is one', async () => {
    const reviewer = await staffToken('reviewer.a');
    const seen = await invoke(detail, { token: reviewer, params: { caseId } });
    expect(seen.status).toBe(200);
    expect(seen.body.comment).toBe(COMMENT);
    expect(seen.body.commentWithheld).toBeUndefined();

    const clerk = await staffToken('account.clerk');
    const withheld = await invoke(detail, { token: clerk, params: { caseId } });
    expect(withheld.status).toBe(200);
    expect(withheld.body.commentWithheld).toBe(true);
    expect(withheld.body.comment).toBeUndefined();
    expect(withheld.text).not.toContain(COMMENT);
    const listed = (await invoke(list, { token: clerk })).body.cases.find((c: { caseId: string }) => c.caseId === caseId);
    expect(listed).toMatchObject({ commentWithheld: true });
    expect(JSON.stringify(listed)).not.toContain(COMMENT);
  });

  it('an auditor’s export carries it; an administrator’s does not; neither carries the phone', async () => {
    const audited = await invoke(exportMonth, { token: await staffToken('auditor'), query: { month } });
    expect(audited.status).toBe(200);
    expect(audited.body.withComments).toBe(true);
    expect(audited.body.rows.map((row: { comment?: string }) => row.comment)).toContain(COMMENT);

    const admin = await invoke(exportMonth, { token: await staffToken('admin.test'), query: { month } });
    expect(admin.status).toBe(200);
    expect(admin.body.withComments).toBe(false);
    expect(admin.body.rows.length).toBe(audited.body.rows.length);
    expect(admin.text).not.toContain(COMMENT);
    for (const reply of [audited, admin]) expect(reply.text).not.toContain(phone);
  });
});
