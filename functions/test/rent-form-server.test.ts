/**
 * The server's side of the rent form (issue 12): the card on file is chosen, never retyped; a
 * refusal that concerns one field names it (so the form marks that field); the 秒办 timeline
 * starts at 已提交; and once this month's withdrawal has been paid the eligibility says how much,
 * and when to come back, instead of a bare refusal.
 */
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate } from '@hpf/shared';
import { handler as eligibility } from '../src/withdrawals/eligibility';
import { handler as submitHandler } from '../src/withdrawals/submit';
import { faceChecked } from '../../test-support/face';
import { keys } from '../src/platform/keys';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { useExternalSimulators } from '../../test-support/simulators';
import { useTestTable } from '../../test-support/table';

// every application passes a face check first (the face rules: face-checks.test.ts)
const submit = faceChecked(submitHandler, 'WITHDRAWAL');

jest.setTimeout(60_000);
const table = useTestTable({ seed: true });
useExternalSimulators();
const month = chinaDate(new Date()).slice(0, 7);
const lease = { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 };

let counter = 0;
const apply = (token: string, body: unknown) => invoke(submit, { token, body, headers: { 'idempotency-key': `form-key-${Date.now()}-${counter++}` } });

it('marks the field a refusal is about, takes the card on file as chosen, and says a paid month as news', async () => {
  const { token } = await signIn('demo-renter');

  // a typed card that is not the member's: refused, and the refusal names the card field
  const wrongCard = await apply(token, { month, amountFen: 150_000, lease, bankCard: '6222021001123459999' });
  expect(wrongCard.status).toBeGreaterThanOrEqual(400);
  expect(wrongCard.status).toBeLessThan(500);
  expect(wrongCard.body.error).toMatchObject({ code: 'BANK_CARD_NOT_ON_FILE', fields: [{ path: 'bankCard', message: expect.stringContaining('本人') }] });
  // more than this month allows: the amount field
  const tooMuch = await apply(token, { month, amountFen: 150_001, lease, useCardOnFile: true });
  expect(tooMuch.body.error).toMatchObject({ code: 'OVER_MONTHLY_LIMIT', fields: [{ path: 'amountFen' }] });
  // neither a card chosen nor one typed
  const noCard = await apply(token, { month, amountFen: 150_000, lease });
  expect(noCard.status).toBe(400);
  expect(noCard.body.error.fields).toEqual([expect.objectContaining({ path: 'bankCard' })]);
  // a rule about the member, not a field: no field named
  const { token: sealed } = await signIn('demo-sealed');
  const refused = await apply(sealed, { month, amountFen: 1_000, lease, useCardOnFile: true });
  expect(refused.body.error.code).toBe('ACCOUNT_NOT_ACTIVE');
  expect(refused.body.error.fields).toBeUndefined();

  // the card on file, chosen: accepted at once (秒办), its progress starting at 已提交
  const accepted = await apply(token, { month, amountFen: 150_000, lease: { ...lease, registeredContractNo: '沪租2026-001' }, useCardOnFile: true });
  expect(accepted.status).toBe(200);
  expect(accepted.body).toMatchObject({ bankCardMasked: '**** 0012', amountFen: 150_000 });
  expect(accepted.body.timeline[0]).toMatchObject({ status: 'APPROVED', label: '已提交，审核通过' });

  // the month's withdrawal marker as the debit writes it (the payout itself is another test's)
  await DynamoDBDocumentClient.from(table.client).send(
    new PutCommand({ TableName: table.name, Item: { ...keys.rentMonth('310100200001', month), applicationId: accepted.body.applicationId, month } }),
  );
  const after = (await invoke(eligibility, { token })).body;
  expect(after.eligible).toBe(false);
  expect(after.checks.find((check: { code: string }) => check.code === 'ALREADY_WITHDRAWN_THIS_MONTH')).toEqual({
    code: 'ALREADY_WITHDRAWN_THIS_MONTH',
    ok: false,
    message: '本月已提取 ¥1,500.00，下月 1 日起可再申请',
  });
});
