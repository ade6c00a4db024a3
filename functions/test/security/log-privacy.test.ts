/**
 * Every log line the handlers write while real flows run — sign-in, binding (right and wrong),
 * account and ledger, certificates, a deposit batch, a rent withdrawal, a crash — is scanned:
 * no whole ID number, phone number, bank card number or session token may appear. (The global
 * teardown runs the same scan over every line the whole test run wrote.)
 */
import { CONSENT } from '../../../test-support/consent';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chinaDate, DEFAULT_POLICY } from '@hpf/shared';
import { handler as bindHandler } from '../../src/auth/bind';
import { faceChecked } from '../../../test-support/face';
import { handler as myAccount } from '../../src/account/get-account';
import { handler as myLedger } from '../../src/account/get-ledger';
import { handler as issueHandler } from '../../src/certificates/issue';
import { handler as code } from '../../src/certificates/code';
import { handler as verify } from '../../src/certificates/verify';
import { handler as postBatch } from '../../src/deposits/handler';
import { handler as submitHandler } from '../../src/withdrawals/submit';
import { dueLine } from '../../src/dev/synthetic-accounts';
import { redact } from '../../src/platform/log';
import { invoke } from '../../../test-support/http';
import { signIn } from '../../../test-support/session';
import { staffToken } from '../../../test-support/staff';
import { useTestTable } from '../../../test-support/table';
import { useExternalSimulators } from '../../../test-support/simulators';
import { readLogLines, scanLogLines } from '../../../test-support/log-scan';

// sensitive acts pass their face check first, so their own log lines are written and scanned
const bind = faceChecked(bindHandler, 'BIND', (body) => ({ name: body?.name, idNumber: body?.idNumber }));
const issue = faceChecked(issueHandler, 'ISSUE_CERTIFICATE');
const submit = faceChecked(submitHandler, 'WITHDRAWAL');

const table = useTestTable({ seed: true });
useExternalSimulators();
const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'hpf-logs-')), 'handlers.log');
const savedLogFile = process.env.HPF_LOG_FILE;
beforeAll(() => {
  process.env.HPF_LOG_FILE = logFile;
});
afterAll(() => {
  process.env.HPF_LOG_FILE = savedLogFile;
});

it('masks what it is given: the redaction itself', () => {
  expect(redact('id 310104199605120035 phone 13800138001 card 6222021001123450012 Bearer abc.def.ghi')).toBe(
    'id 3101**********0035 phone 138****8001 card ****0012 Bearer [redacted]',
  );
});

it('writes no whole ID number, phone, bank card or token in any log line of the main flows', async () => {
  const renter = table.members.find((m) => m.openid === 'demo-renter')!.account;
  const chen = table.members.find((m) => m.openid === 'demo-new')!.account;
  const { token } = await signIn('demo-renter');
  const newcomer = (await signIn('wx-log-scan')).token;

  await invoke(bind, { token: newcomer, body: { name: chen.name, idNumber: chen.idNumber, phone: '13912345678', consent: CONSENT } });
  await invoke(bind, { token: newcomer, body: { name: chen.name, idNumber: chen.idNumber, phone: chen.phone, consent: CONSENT } });
  await invoke(myAccount, { token });
  await invoke(myLedger, { token, query: { limit: '5' } });
  const certificate = (await invoke(issue, { token, body: { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' }, headers: { 'idempotency-key': 'privacy-cert-1' } })).body;
  const payload = (await invoke(code, { token, params: { certificateId: certificate.certificateId } })).body.payload;
  await invoke(verify, { token: await staffToken('account.clerk'), body: { payload } });
  await invoke(verify, { body: { payload: `${payload}X` } });
  await invoke(postBatch, {
    token: await staffToken('deposit.clerk'),
    body: { batchId: 'LOG-SCAN', lines: [dueLine(renter, 1, chinaDate(new Date()).slice(0, 7), DEFAULT_POLICY), { ...dueLine(renter, 2, '2026-01', DEFAULT_POLICY), unitFen: 1 }] },
  });
  await invoke(submit, {
    token,
    headers: { 'idempotency-key': 'log-scan-0001' },
    body: {
      month: chinaDate(new Date()).slice(0, 7),
      amountFen: 100_000,
      lease: { address: '上海市徐汇区漕溪北路 88 弄', landlordName: '房东', landlordAccount: '6222000011112222', monthlyRentFen: 200_000 },
      bankCard: renter.bankCard,
    },
  });
  // a request that fails inside: the error log line must not carry the request either
  await invoke(bind, { token: newcomer, rawBody: JSON.stringify({ name: chen.name, idNumber: chen.idNumber, phone: chen.phone, extra: 'x'.repeat(70_000), consent: CONSENT }), headers: { 'content-type': 'application/json', authorization: `Bearer ${newcomer}` } });

  const lines = readLogLines(logFile);
  expect(lines.length).toBeGreaterThan(10);
  expect(scanLogLines(lines)).toEqual([]);
  for (const secret of [renter.idNumber, renter.phone, renter.bankCard!, chen.idNumber, chen.phone, token, newcomer]) {
    expect(lines.some((line) => line.includes(secret))).toBe(false);
  }
  // and the lines are the structured kind: one JSON object per request with id, route, status, latency
  const requestLines = lines.map((line) => JSON.parse(line)).filter((entry) => entry.message === 'request');
  expect(requestLines.length).toBeGreaterThan(5);
  for (const entry of requestLines) expect(entry).toMatchObject({ requestId: expect.any(String), route: expect.any(String), status: expect.any(Number), latencyMs: expect.any(Number) });
});
