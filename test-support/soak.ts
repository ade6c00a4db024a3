/**
 * The money soak: many members, a random mix of deposit batches (some re-posted, some interrupted
 * when the invocation runs out of time and then resumed), rent withdrawals (double taps, concurrent
 * submissions) paid by the payout worker (stream and sweep) while the bank misbehaves — refusals,
 * malformed-request refusals, timeouts before and after paying, slow answers, 500s, an outage for a
 * fifth of the run — certificate issues, checks and revocations, and arrival reminders (WeChat busy
 * or its token expiring), run concurrently for a bounded time while faults are injected — DynamoDB
 * conflicts and throttling before a call, "crashes" right after a write committed (the caller sees
 * an error, the write stands), the payout worker killed between the bank's answer and its state
 * write, poison records on the stream. Then the payouts are carried to an end (a silent bank past
 * the policy age, 人工核查 resolved by staff) and the invariants are checked.
 */
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate, CLOSING_KINDS, DEFAULT_POLICY, depositFacts, monthRanges, type AccountRecord, type DepositLine, type MonthRange } from '@hpf/shared';
import { dueLine, syntheticAccount, writeSyntheticAccounts } from '../functions/src/dev/synthetic-accounts';
import { seedStaffOnly } from '../functions/src/dev/seed';
import { startSocialInsuranceSimulator } from '../functions/src/dev/social-insurance-simulator';
import type { BankSimulator } from '../functions/src/dev/bank-simulator';
import type { Context } from 'aws-lambda';
import { apiEvent } from './http';

export interface SoakOptions {
  tableName: string;
  bank: BankSimulator;
  wechatBase: string;
  durationMs: number;
  members: number;
  concurrency: number;
  faultRate: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  operations: Record<string, number>;
  faults: Record<string, number>;
  checks: { invariant: string; checked: number; violations: number; examples: string[] }[];
}

type Reply = { statusCode: number; body: string };

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const operations: Record<string, number> = {};
  const faults: Record<string, number> = {};
  const count = (bag: Record<string, number>, key: string, n = 1) => (bag[key] = (bag[key] ?? 0) + n);

  // deposits arrive out of order here, so 连续缴存月数 is often short for a while and most rent
  // applications would stop at that rule; the soak is after the money paths, so it waives it
  const policyOverride = JSON.parse(process.env.POLICY_JSON || '{}');
  // likewise its members do months of sensitive acts in minutes: the daily allowance of face
  // checks started (tested in face-checks.test.ts) would stop them
  process.env.POLICY_JSON = JSON.stringify({ ...policyOverride, rent: { ...policyOverride.rent, minDepositMonths: 0 }, face: { ...policyOverride.face, maxStarts: 1_000_000 } });
  const { dynamo } = await import('../functions/src/platform/dynamo');
  const { config } = await import('../functions/src/platform/config');
  const { memberSession } = await import('./session');
  const { handler: staffLogin } = await import('../functions/src/staff/login');
  const { handler: postBatch } = await import('../functions/src/deposits/handler');
  const { faceChecked } = await import('./face');
  // each application and certificate passes its face check first, as on the phone
  const submitRent = faceChecked((await import('../functions/src/withdrawals/submit')).handler, 'WITHDRAWAL');
  const issueCertificate = faceChecked((await import('../functions/src/certificates/issue')).handler, 'ISSUE_CERTIFICATE');
  const { handler: certificateCode } = await import('../functions/src/certificates/code');
  const { handler: verifyCertificate } = await import('../functions/src/certificates/verify');
  const { byMember: revokeMine, byStaff: revokeByStaff } = await import('../functions/src/certificates/revoke');
  const { sweepPayouts } = await import('../functions/src/withdrawals/reconcile-job');
  const { payoutDeps } = await import('../functions/src/withdrawals/payout-worker');
  const { startPayoutRunner } = await import('../functions/src/dev/payout-runner');
  const { decide, resolve: resolveManualCheck } = await import('../functions/src/withdrawals/review');
  const { listApplications } = await import('../functions/src/adapters/withdrawals-repository');
  // the payout policy in soak time: seconds of backoff, two minutes to 人工核查
  const payoutPolicy = { ...DEFAULT_POLICY.payout, maxAttempts: 8, maxUnknownMinutes: 2, baseBackoffSeconds: 0.2, maxBackoffSeconds: 2, manualCheckLookupMinutes: 1 };
  // the worker "killed" between the bank's answer and its state write: the bank acted, the table never heard
  let killsOn = true;
  const payoutWorkerDeps = () => {
    const deps = payoutDeps();
    const killedAfter = <A extends unknown[], R>(call: (...args: A) => Promise<R>, what: string) => async (...args: A) => {
      const answer = await call(...args);
      if (killsOn && faultsOn && Math.random() < options.faultRate) {
        count(faults, `payout worker killed after the bank's answer to a ${what}`);
        throw Object.assign(new Error('payout worker killed'), { name: 'WorkerKilled' });
      }
      return answer;
    };
    return { ...deps, policy: { ...deps.policy, payout: payoutPolicy }, bank: { send: killedAfter(deps.bank.send, 'send'), lookup: killedAfter(deps.bank.lookup, 'lookup') } };
  };
  const reconcileStalePayouts = (now: Date) => sweepPayouts(payoutWorkerDeps(), () => now, () => Number.POSITIVE_INFINITY);
  const { accountLedger, getAccount } = await import('../functions/src/adapters/accounts-repository');
  const { checkAccountLedger } = await import('../functions/src/ledger/consistency');
  const { addConsents } = await import('../functions/src/adapters/reminders-repository');
  const { handler: notifier } = await import('../functions/src/reminders/notifier');
  const { FRESHNESS_KEY_PREFIXES, startStreamPoller } = await import('../functions/src/dev/stream-poller');
  const { handler: freshness } = await import('../functions/src/certificates/freshness');
  const { getCertificate, listLoans } = await import('../functions/src/adapters/certificates-repository');
  const { DEMO_STAFF_PASSWORD } = await import('../functions/src/dev/demo-staff');

  const client = new DynamoDBClient({});
  await seedStaffOnly(client, options.tableName);
  // two years deposited before the soak's months (carried over from the old system, no entries
  // here), so rent withdrawals pass the deposit-months rule; the facts are what those months give
  const carriedOver: MonthRange[] = [['2024-05', '2026-04']];
  const members: (AccountRecord & { wechatOpenid: string })[] = Array.from({ length: options.members }, (_, i) => ({
    ...syntheticAccount(i, '3'),
    bankCard: `62220300${String(i).padStart(11, '0')}`,
    bankCardBoundAt: '2020-01-01T00:00:00.000Z',
    depositedMonths: carriedOver,
    ...depositFacts(carriedOver),
    balanceFen: 0,
    wechatOpenid: `wx-soak-${i}`,
    // one member in twenty retires during the run (离退休提取: the whole account paid out, then closed)
    ...(i % 20 === 19 ? { sealReason: 'RETIRED' as const } : {}),
  }));
  await writeSyntheticAccounts(client, options.tableName, members);
  const retirees = members.filter((m) => m.sealReason === 'RETIRED');
  // one member in twenty leaves through the counter (销户提取: 出境定居, 完全丧失劳动能力 or 身后一件事)
  const closers = members.filter((m, i) => i % 20 === 9 && m.sealReason !== 'RETIRED');
  const { start: startClosing } = await import('../functions/src/closing/start');
  const heirIdNumber = (await import('../functions/src/dev/demo-members')).idNumber('31010119800101009');
  const socialInsurance = await startSocialInsuranceSimulator({ retired: Object.fromEntries(retirees.map((m) => [m.idNumber, '2026-01-31'])) });
  const { retirementStep } = await import('../functions/src/retirement/job');
  const { confirmRetirement } = await import('../functions/src/retirement/confirm');
  /** Retirees whose withdrawal was started: no new deposit lines for them (the job and the payout race the rest). */
  const retiring = new Set<string>();
  // one member in twenty repays an HPF loan from the account (约定提取还贷): ¥12,000 over 12 months,
  // lent three months ago; the monthly job is run now and then, twice at once, under the faults
  // every other one repays a mortgage at a cooperating bank instead (商贷自动划转, ¥1,500 a month,
  // paid to the loan's repayment account through the payout pipeline under the bank's misbehaviour)
  const borrowers = members.filter((_, i) => i % 20 === 4);
  const commercialBorrowers = members.filter((_, i) => i % 20 === 14);
  const allBorrowers = [...borrowers, ...commercialBorrowers];
  const commercialContract = (accountNo: string) => `SD${accountNo}`;
  const repaymentAccountOf = (accountNo: string) => `9558${accountNo}`;
  const { signAgreement, readRun, readCommercialRun } = await import('../functions/src/adapters/loans-repository');
  const { httpLoanBank } = await import('../functions/src/adapters/bank-client');
  const { loanRepaymentStep } = await import('../functions/src/loans/repayment-job');
  const { keys: loanKeys } = await import('../functions/src/platform/keys');
  const soakDay = chinaDate(new Date());
  const lentOn = new Date(Date.UTC(Number(soakDay.slice(0, 4)), Number(soakDay.slice(5, 7)) - 4, 10)).toISOString().slice(0, 10);
  for (const borrower of borrowers) {
    const contractNo = `GJJSOAK${borrower.accountNo}`;
    await dynamo().send(
      new PutCommand({
        TableName: options.tableName,
        Item: { ...loanKeys.loan(borrower.accountNo, contractNo), contractNo, accountNo: borrower.accountNo, amountFen: 1_200_000, startDate: lentOn, status: 'OUTSTANDING', annualRateBasisPoints: 285, months: 12, method: 'EQUAL_PRINCIPAL', rounding: 'HALF_UP', propertyAddress: '上海市' },
      }),
    );
    await signAgreement(options.tableName, { accountNo: borrower.accountNo, target: 'HPF_LOAN', contractNo, status: 'ACTIVE', signedAt: new Date().toISOString(), firstMonth: soakDay.slice(0, 7) }, []);
  }
  for (const borrower of commercialBorrowers) {
    const contractNo = commercialContract(borrower.accountNo);
    options.bank.addLoan({ bankCode: 'ICBC', contractNo, borrowerName: borrower.name, borrowerIdNumber: borrower.idNumber, repaymentAccount: repaymentAccountOf(borrower.accountNo), monthlyFen: 150_000, dueDay: 28 });
    await dynamo().send(
      new PutCommand({
        TableName: options.tableName,
        Item: { ...loanKeys.repaymentAgreement(borrower.accountNo), ...loanKeys.repaymentAgreementListing(borrower.accountNo), accountNo: borrower.accountNo, target: 'COMMERCIAL', bankCode: 'ICBC', contractNo, status: 'ACTIVE', signedAt: new Date().toISOString(), firstMonth: soakDay.slice(0, 7) },
      }),
    );
  }
  for (const member of members.filter((_, i) => i % 2 === 0)) await addConsents(options.tableName, member.accountNo, config().reminders.arrivalTemplateId, 1000, new Date());
  const poller = await startStreamPoller({ tableName: options.tableName, handler: notifier, retryDelayMs: 200 });
  // 证明内容已变化: the freshness check on the same stream, under the same faults
  const freshnessPoller = await startStreamPoller({ tableName: options.tableName, handler: freshness, keyPrefixes: FRESHNESS_KEY_PREFIXES, retryDelayMs: 200 });
  // the worker's function crashing outright on a batch: once for longer than the mapping retries
  // (the batch goes to the dead-letter queue), and now and then for a delivery or two
  let crashStreak = 0;
  const payouts = await startPayoutRunner({
    tableName: options.tableName,
    deps: payoutWorkerDeps,
    sweepEveryMs: 1_000,
    retryDelayMs: 200,
    wrap: (handler) => async (event) => {
      const approvedRecords = event.Records.filter((r) => r.dynamodb?.NewImage?.status?.S === 'APPROVED');
      if (faultsOn && approvedRecords.length && (crashStreak > 0 || Math.random() < options.faultRate)) {
        crashStreak = Math.max(0, crashStreak - 1);
        count(faults, 'payout worker function crashed on a stream batch');
        throw Object.assign(new Error('function crashed'), { name: 'FunctionCrash' });
      }
      return handler(event);
    },
  });

  const signInStaff = async (username: string) =>
    JSON.parse(((await staffLogin(apiEvent({ body: { username, password: DEMO_STAFF_PASSWORD } }))) as Reply).body).token as string;
  const clerk = await signInStaff('deposit.clerk');
  const accountClerk = await signInStaff('account.clerk');
  const reviewers = [await signInStaff('reviewer.a'), await signInStaff('reviewer.b')];
  const tokens = await Promise.all(members.map((m) => memberSession(m.wechatOpenid, m.accountNo)));

  // Fault injection around the one document client every handler uses.
  const doc = dynamo();
  const realSend = doc.send.bind(doc);
  let faultsOn = true;
  (doc as unknown as { send: typeof realSend }).send = (async (command: Parameters<typeof realSend>[0]) => {
    const name = command.constructor.name;
    if (faultsOn && Math.random() < options.faultRate) {
      const kind = ['TransactionConflictException', 'ThrottlingException'][randomInt(2)];
      count(faults, `${kind} before ${name}`);
      throw Object.assign(new Error(`injected ${kind}`), { name: kind });
    }
    const result = await realSend(command);
    if (faultsOn && name === 'TransactWriteCommand' && Math.random() < options.faultRate) {
      count(faults, 'crash after a committed transaction');
      throw Object.assign(new Error('injected crash after commit'), { name: 'InjectedCrash' });
    }
    return result;
  }) as typeof realSend;

  /** A client that retries what failed on the server side, with the same request. */
  const call = async (handler: (e: ReturnType<typeof apiEvent>, context?: Context) => Promise<unknown>, event: ReturnType<typeof apiEvent>, context?: Context) => {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const reply = (await handler(event, context)) as Reply;
      if (reply.statusCode < 500) return { status: reply.statusCode, body: JSON.parse(reply.body) };
      count(operations, 'client retry after 5xx');
    }
    return { status: 500, body: undefined };
  };

  const answeredLines: { accountNo: string; month: string; outcome: string }[] = [];
  const batches = new Map<string, DepositLine[]>();
  const recentKeys: { memberIndex: number; key: string; body: unknown }[] = [];
  const month = chinaDate(new Date()).slice(0, 7);
  const depositMonths = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

  const depositOp = async () => {
    let batchId: string;
    let lines: DepositLine[];
    if (batches.size > 0 && Math.random() < 0.3) {
      [batchId, lines] = [...batches.entries()][randomInt(batches.size)];
      count(operations, 'deposit batch re-posted');
    } else {
      batchId = `SOAK-${batches.size}`;
      const depositMonth = depositMonths[randomInt(depositMonths.length)];
      const chosen = members.filter((m) => !retiring.has(m.accountNo) && Math.random() < 0.3);
      lines = chosen.map((m, i) => dueLine(m, i + 1, depositMonth, DEFAULT_POLICY));
      if (!lines.length) return;
      batches.set(batchId, lines);
      count(operations, 'deposit batch posted');
    }
    // a quarter of the batches run in an invocation that runs out of time part-way (the handler
    // keeps 5 s for its answer): the lines left come back pending and the batch is posted again
    const interrupted = Math.random() < 0.25;
    let reply = await call(postBatch, apiEvent({ token: clerk, body: { batchId, lines } }), interrupted ? runsOutOfTimeAfter(randomInt(20, 400)) : undefined);
    if (interrupted) count(operations, 'deposit batch interrupted (out of time)');
    // lines left pending (out of time, or their write failed on the way): the clerk posts the batch again
    for (let resume = 0; resume < 5 && reply.status === 200 && !reply.body.complete; resume += 1) {
      count(operations, 'deposit batch resumed');
      reply = await call(postBatch, apiEvent({ token: clerk, body: { batchId, lines } }));
    }
    if (reply.status !== 200) return;
    for (const result of reply.body.results) {
      if (result.outcome !== 'pending') count(operations, 'deposit line answered');
      answeredLines.push({ accountNo: result.accountNo, month: lines.find((l) => l.lineNo === result.lineNo)!.month, outcome: result.outcome });
    }
  };

  // 'revoking' while a revocation is under way: a check that overlaps it could fairly see either answer
  type Revocation = 'none' | 'revoking' | 'revoked';
  const certificates: { certificateId: string; payload: string; token: string; revocation: Revocation; results: string[] }[] = [];
  /** Checks a certificate's code and keeps the answer when its revocation state held still throughout. */
  const judge = async (certificate: (typeof certificates)[number]) => {
    const before = certificate.revocation;
    const result = await verifyAt(certificate.payload);
    if (result && before !== 'revoking' && certificate.revocation === before) {
      certificate.results.push(`${before === 'revoked' ? 'after' : 'before'} revocation: ${result}`);
    }
  };
  const verifyAt = async (payload: string) => {
    count(operations, 'certificate check');
    // the public, each check from its own address (one address has a per-minute allowance)
    const sourceIp = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
    return (await call(verifyCertificate, apiEvent({ body: { payload }, sourceIp }))).body?.result as string | undefined;
  };
  const certificateOp = async () => {
    const index = randomInt(members.length);
    const revisit = certificates.length > 0 && Math.random() < 0.5 ? certificates[randomInt(certificates.length)] : undefined;
    if (revisit) {
      if (revisit.revocation === 'none' && Math.random() < 0.3) {
        revisit.revocation = 'revoking';
        const byStaff = Math.random() < 0.5;
        const revoked = byStaff
          ? await call(revokeByStaff, apiEvent({ token: accountClerk, params: { certificateId: revisit.certificateId }, body: { reason: '单位核实后撤销' } }))
          : await call(revokeMine, apiEvent({ method: 'POST', token: revisit.token, params: { certificateId: revisit.certificateId } }));
        count(operations, `certificate revoked by ${byStaff ? 'staff' : 'the member'}`);
        if (revoked.status === 200 || revoked.body?.error?.code === 'CERT_REVOKED') revisit.revocation = 'revoked';
        // every retry failed: whether it stands is unknown, so it is not judged
        else if (revoked.status >= 500) return void certificates.splice(certificates.indexOf(revisit), 1);
        else revisit.revocation = 'none';
      }
      if (revisit.revocation === 'revoking') return;
      if (revisit.revocation === 'none') {
        // the member shows a fresh code (a code lives two minutes)
        const shown = await call(certificateCode, apiEvent({ method: 'POST', token: revisit.token, params: { certificateId: revisit.certificateId } }));
        if (shown.status !== 200) return;
        revisit.payload = shown.body.payload;
      }
      return judge(revisit);
    }
    const token = tokens[index];
    const issued = await call(issueCertificate, apiEvent({ token, body: { type: 'DEPOSIT', purpose: 'OTHER' }, headers: { 'idempotency-key': `soak-cert-${Date.now()}-${randomInt(1e9)}` } }));
    count(operations, 'certificate issued');
    if (issued.status !== 200) return;
    const shown = await call(certificateCode, apiEvent({ method: 'POST', token, params: { certificateId: issued.body.certificateId } }));
    if (shown.status !== 200) return;
    const certificate = { certificateId: issued.body.certificateId as string, payload: shown.body.payload as string, token, revocation: 'none' as Revocation, results: [] as string[] };
    certificates.push(certificate);
    return judge(certificate);
  };

  // 离退休提取: the daily job twice at once, then two confirms at once, under the same faults; the
  // payout worker pays it (stream and sweep) and closes the account
  const retirementOp = async () => {
    if (!retirees.length) return;
    const retiree = retirees[randomInt(retirees.length)];
    retiring.add(retiree.accountNo);
    const deps = { tableName: options.tableName, policy: config().policy, socialInsurance: { apiBase: socialInsurance.baseUrl, timeoutMs: 1000 } };
    const steps = await Promise.allSettled([retirementStep(deps, retiree.accountNo, new Date()), retirementStep(deps, retiree.accountNo, new Date())]);
    for (const step of steps) count(operations, step.status === 'fulfilled' ? `retirement job: ${step.value}` : 'retirement job interrupted');
    const confirms = await Promise.allSettled([confirmRetirement(deps, retiree.accountNo, 'MEMBER', new Date()), confirmRetirement(deps, retiree.accountNo, 'MEMBER', new Date())]);
    for (const c of confirms) count(operations, c.status === 'fulfilled' ? 'retirement confirmed' : `retirement confirm refused (${(c.reason as { code?: string }).code ?? (c.reason as Error).name})`);
  };

  // 销户提取 at the counter: the clerk starts it twice at once (one is made), 初审 and 复核 by the two
  // reviewers (a repeated review is refused), under the same faults; the payout worker pays it and closes the account
  const closingOp = async () => {
    if (!closers.length) return;
    const closer = closers[randomInt(closers.length)];
    retiring.add(closer.accountNo);
    const kind = (['EMIGRATION', 'DISABILITY', 'DECEASED'] as const)[randomInt(3)];
    const payee = kind === 'DECEASED' ? { name: '继承人', idNumber: heirIdNumber, bankCard: '6217000011112222333' } : { name: closer.name, bankCard: closer.bankCard! };
    const body = { kind, documentsSeen: CLOSING_KINDS[kind].documents.map((doc) => doc.id), payee };
    const starts = await Promise.all([0, 1].map(() => call(startClosing, apiEvent({ token: accountClerk, params: { accountNo: closer.accountNo }, body }))));
    for (const reply of starts) count(operations, reply.status === 200 ? 'closing withdrawal started' : `closing start refused (${reply.body?.error?.code ?? reply.status})`);
    const { applications } = await listApplications(options.tableName, closer.accountNo, { limit: 5 });
    const waiting = applications.find((a) => a.kind === 'CLOSING' && a.status === 'PENDING_REVIEW');
    if (!waiting) return;
    for (const token of [...reviewers, reviewers[randomInt(2)]]) {
      const reply = await call(decide, apiEvent({ token, params: { applicationId: waiting.applicationId }, body: { decision: 'APPROVE', reason: '材料原件已核，同意' } }));
      count(operations, reply.status === 200 ? 'closing review decided' : `closing review refused (${reply.body?.error?.code ?? reply.status})`);
    }
  };

  const rentOp = async () => {
    const memberIndex = randomInt(members.length);
    // retirees are paid out whole, not by the month
    if (members[memberIndex].sealReason === 'RETIRED') return retirementOp();
    if (closers.includes(members[memberIndex])) return closingOp();
    const reuse = recentKeys.length > 0 && Math.random() < 0.3 ? recentKeys[randomInt(recentKeys.length)] : undefined;
    const body = reuse?.body ?? {
      month,
      amountFen: 10_000 + randomInt(50_000),
      lease: { address: `上海市静安区某路 ${memberIndex} 号`, landlordName: '房东', landlordAccount: `62229${String(memberIndex).padStart(8, '0')}`, monthlyRentFen: 200_000 },
      bankCard: members[memberIndex].bankCard,
    };
    const index = reuse?.memberIndex ?? memberIndex;
    const key = reuse?.key ?? `soak-${Date.now()}-${randomInt(1e9)}`;
    if (!reuse) recentKeys.push({ memberIndex: index, key, body });
    count(operations, reuse ? 'rent double tap' : 'rent application');
    const concurrent = Math.random() < 0.2 ? 3 : 1;
    if (concurrent > 1) count(operations, 'rent concurrent submissions');
    const replies = await Promise.all(
      Array.from({ length: concurrent }, () =>
        call(submitRent, apiEvent({ token: tokens[index], body, headers: { 'idempotency-key': key } })),
      ),
    );
    for (const reply of replies) count(operations, reply.status === 200 ? `rent answered ${reply.body.status}` : `rent refused (${reply.body?.error?.code ?? reply.status})`);
  };

  const simulatorOp = async () => {
    if (Math.random() < 0.7) {
      if (bankOutage) return;
      const modes = ['succeed', 'succeed', 'succeed', 'fail', 'refuse-malformed', 'timeout-after-paying', 'timeout-before-paying', 'slow', 'error-500', 'down'] as const;
      const mode = modes[randomInt(modes.length)];
      // slow: answered after the worker stopped waiting (its timeout is 1 s), so paid but unknown
      options.bank.setMode(mode, { slowMs: 1_500 });
      count(operations, `bank mode ${mode}`);
    } else {
      const sendMode = (['ok', 'ok', 'busy', 'expire-token-once'] as const)[randomInt(4)];
      await fetch(`${options.wechatBase}/_control`, { method: 'POST', body: JSON.stringify({ sendMode }) });
      count(operations, `WeChat send mode ${sendMode}`);
    }
  };

  const loanOp = async () => {
    if (!allBorrowers.length) return;
    const borrower = allBorrowers[randomInt(allBorrowers.length)];
    const deps = { tableName: options.tableName, policy: config().policy, bank: httpLoanBank(config().bank()) };
    const outcomes = await Promise.allSettled([loanRepaymentStep(deps, borrower.accountNo, new Date()), loanRepaymentStep(deps, borrower.accountNo, new Date())]);
    for (const outcome of outcomes) count(operations, outcome.status === 'fulfilled' ? `loan repayment ${outcome.value}` : 'loan repayment interrupted');
  };

  const reconcileOp = async () => {
    count(operations, 'reconciliation');
    await reconcileStalePayouts(new Date()).catch(() => count(faults, 'reconciliation interrupted'));
  };

  // a poison record on the stream: an application-shaped item the worker cannot read
  const poisonKeys: string[] = [];
  let poisonTries = 0;
  const poisonOp = async () => {
    const sk = `WD#POISON${poisonTries}`;
    poisonTries += 1;
    await doc.send(new PutCommand({ TableName: options.tableName, Item: { pk: 'ACCT#POISON', sk, status: 'APPROVED', amountFen: 'a lot', bankCard: null } }));
    // only a record that was written is on the stream (a put's injected fault comes before the write)
    poisonKeys.push(sk);
    count(operations, 'poison stream record written');
  };

  // the bank down for a stretch (a fifth of the run, from a third of the way in): payouts wait it out
  let bankOutage: boolean = false;
  const outage = (async () => {
    await new Promise((resolve) => setTimeout(resolve, options.durationMs / 3));
    bankOutage = true;
    options.bank.setMode('down');
    count(operations, 'bank outage');
    await poisonOp().catch(() => count(faults, 'poison record write failed'));
    // the monthly repayment job at least once per run, whatever the dice say (borrowers are few)
    await loanOp().catch(() => count(faults, 'loan repayment run interrupted'));
    await new Promise((resolve) => setTimeout(resolve, options.durationMs / 5));
    options.bank.setMode('succeed');
    bankOutage = false;
    crashStreak = 7;
  })();

  const deadline = Date.now() + options.durationMs;
  const worker = async () => {
    while (Date.now() < deadline) {
      const roll = Math.random();
      try {
        if (roll < 0.3) await depositOp();
        else if (roll < 0.62) await rentOp();
        else if (roll < 0.64) await retirementOp();
        else if (roll < 0.66) await closingOp();
        else if (roll < 0.69) await loanOp();
        else if (roll < 0.8) await certificateOp();
        else if (roll < 0.9) await simulatorOp();
        else if (roll < 0.995) await reconcileOp();
        else await poisonOp();
      } catch (error) {
        count(faults, `operation interrupted (${(error as Error).name})`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));

  // Quiesce: faults off, every stream record handled, every payout carried to an end.
  await outage;
  faultsOn = false;
  killsOn = false;
  // the dead-letter queue redriven: every application of a batch given up on is taken up again
  const deadLetteredKeys = new Set(payouts.deadLetters.flat().map((r) => r.dynamodb?.Keys?.sk?.S));
  const deadLettered = payouts.deadLetters.flat().map((r) => r.dynamodb?.NewImage?.applicationId?.S).filter((id): id is string => Boolean(id));
  count(operations, 'payout stream records dead-lettered and redriven', await payouts.redrive());
  await fetch(`${options.wechatBase}/_control`, { method: 'POST', body: JSON.stringify({ sendMode: 'ok' }) });
  // First the bank stays silent while the clock passes the payout policy's age: every payout it has
  // not answered must then be a 人工核查 item, none left paying.
  options.bank.setMode('down');
  await payouts.poller.drain(180_000);
  const pastAge = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  for (const minutes of [10, 20]) await reconcileStalePayouts(pastAge(minutes));
  const { applicationsInState: queued } = await import('../functions/src/adapters/withdrawals-repository');
  const unknownPastAge = (await queued(options.tableName, 'PAYING', 10_000)).filter(
    (a) => pastAge(20).getTime() - Date.parse(a.payingSince ?? a.createdAt) >= payoutPolicy.maxUnknownMinutes * 60_000,
  );
  const inManualCheck = (await queued(options.tableName, 'MANUAL_CHECK', 10_000)).length;
  count(operations, `payouts in 人工核查 after the silent bank`, inManualCheck);
  // Then the bank answers: the worker looks each up (never resends from 人工核查), and staff record
  // what the bank confirms for the rest.
  options.bank.setMode('succeed');
  for (const minutes of [40, 60]) await reconcileStalePayouts(pastAge(minutes));
  await payouts.poller.drain(180_000);
  const reviewer = await signInStaff('reviewer.a');
  for (const application of await queued(options.tableName, 'MANUAL_CHECK', 10_000)) {
    const paid = options.bank.payouts.get(application.applicationId)?.status === 'PAID';
    count(operations, `人工核查 resolved by staff (${paid ? 'paid' : 'not paid'})`);
    await call(resolveManualCheck, apiEvent({ token: reviewer, params: { applicationId: application.applicationId }, body: { outcome: paid ? 'PAID' : 'NOT_PAID', reason: '已与银行核实' } }));
  }
  await Promise.all([poller.drain(180_000), freshnessPoller.drain(180_000)]);
  await Promise.all([poller.stop(), freshnessPoller.stop(), payouts.stop()]);
  (doc as unknown as { send: typeof realSend }).send = realSend;

  // The invariants.
  const checks: SoakReport['checks'] = [];
  const check = (invariant: string) => {
    const entry = { invariant, checked: 0, violations: 0, examples: [] as string[] };
    checks.push(entry);
    return (ok: boolean, example: string) => {
      entry.checked += 1;
      if (!ok) {
        entry.violations += 1;
        if (entry.examples.length < 5) entry.examples.push(example);
      }
    };
  };
  const ledgerOk = check('balance = Σ ledger, gapless, hash chain intact (no entry changed or deleted)');
  const depositOnce = check('every accepted deposit line posted exactly once per account-month');
  const factsOk = check('缴至年月 and 连续缴存月数 follow the months deposited, in any posting order');
  const rentOnce = check('at most one rent withdrawal per member-month (net of reversals)');
  const payoutOnce = check('no payout paid twice at the bank (accepted payouts per reference)');
  const paidMatches = check('every paid payout has exactly one standing debit');
  const reminderOnce = check('every reminder sent at most once');
  const retiredOnce = check('离退休提取: at most one standing retirement withdrawal per retiree; once paid, the account closed at zero');
  const closedOnce = check('销户提取: at most one paid closing withdrawal per member; paid exactly when the account closed at zero');
  const repaidOnce = check('约定提取还贷: at most one repayment from the account per loan and month, exactly what its run marker says');
  const transferredOnce = check('商贷自动划转: at most one transfer paid per loan and month, never more than the bank said was due, exactly as its month run says');
  const noneStuck = check('no application left half-done (accepted but not debited, or paying)');
  const revokedRefused = check('a certificate checks as valid (or 内容已变化) until revoked, and never after');
  for (const certificate of certificates) {
    // after revocation an old code may also have run out (已过期): refused either way
    const fine = ['before revocation: valid', 'before revocation: changed', 'after revocation: revoked', 'after revocation: expired'];
    const wrong = certificate.results.filter((r) => !fine.includes(r));
    revokedRefused(wrong.length === 0, `${certificate.certificateId}: ${wrong.join(', ')}`);
  }
  // once the stream is handled, every live certificate says exactly what changed since its issue
  const truthful = check('every live certificate carries exactly the changes its account and loans show');
  const { factChanges, sameChanges, certificateStatus } = await import('@hpf/shared');
  for (const { certificateId } of certificates) {
    const record = await getCertificate(options.tableName, certificateId);
    if (!record || certificateStatus(record, new Date()) !== 'ACTIVE') continue;
    const [account, loans] = await Promise.all([
      getAccount(options.tableName, record.accountNo, { consistent: true }),
      listLoans(options.tableName, record.accountNo),
    ]);
    if (!account) continue;
    const expected = factChanges(record, account, loans);
    truthful(sameChanges(expected, record.changes ?? []), `${certificateId}: expected ${expected.map((c) => c.code).join('+') || 'none'}, has ${(record.changes ?? []).map((c) => c.code).join('+') || 'none'}`);
  }
  const { applicationsInState } = await import('../functions/src/adapters/withdrawals-repository');
  for (const status of ['APPROVED', 'PAYING', 'MANUAL_CHECK'] as const) {
    const stuck = await applicationsInState(options.tableName, status, 10_000);
    noneStuck(stuck.length === 0, `${stuck.length} ${status}: ${stuck.slice(0, 3).map((a) => a.applicationId).join(', ')}`);
  }
  const noUnknownPastAge = check('no payout left unknown past the policy age without a manual-check item');
  noUnknownPastAge(unknownPastAge.length === 0, `${unknownPastAge.length} still PAYING: ${unknownPastAge.slice(0, 3).map((a) => a.applicationId).join(', ')}`);
  const redriven = check('every application of a dead-lettered stream batch ends settled after the redrive');
  const { getApplication: applicationNow } = await import('../functions/src/adapters/withdrawals-repository');
  const { isFinalWithdrawalStatus } = await import('@hpf/shared');
  for (const applicationId of new Set(deadLettered)) {
    const status = (await applicationNow(options.tableName, applicationId, true))?.status;
    redriven(status !== undefined && isFinalWithdrawalStatus(status), `${applicationId}: ${status}`);
  }
  const poisonSkipped = check('every poison stream record skipped and counted (or dead-lettered with its batch), none holding back the stream');
  const logged = process.env.HPF_LOG_FILE && existsSync(process.env.HPF_LOG_FILE) ? readFileSync(process.env.HPF_LOG_FILE, 'utf8') : '';
  // counted by the worker, or — when it came in a batch the function crashed on — in the dead-letter queue
  for (const sk of poisonKeys) poisonSkipped((logged.includes(`"PayoutPoisonRecords":1`) && logged.includes(`"key":"${sk}"`)) || deadLetteredKeys.has(sk), `${sk} neither counted nor dead-lettered`);

  const ledgers = new Map<string, Awaited<ReturnType<typeof accountLedger>>>();
  for (const member of members) ledgers.set(member.accountNo, await accountLedger(options.tableName, member.accountNo));
  for (const [accountNo, ledger] of ledgers) {
    const violations = checkAccountLedger(ledger!);
    ledgerOk(violations.length === 0, `${accountNo}: ${violations.map((v) => v.rule).join(', ')}`);
    const deposits = new Map<string, number>();
    for (const entry of ledger!.entries) if (entry.kind === 'DEPOSIT') deposits.set(entry.depositMonth!, (deposits.get(entry.depositMonth!) ?? 0) + 1);
    const answeredMonths = new Set(answeredLines.filter((l) => l.accountNo === accountNo && l.outcome !== 'rejected' && l.outcome !== 'pending').map((l) => l.month));
    for (const m of new Set([...deposits.keys(), ...answeredMonths])) depositOnce(deposits.get(m) === 1, `${accountNo} ${m}: ${deposits.get(m) ?? 0} entries`);
    const expected = depositFacts([...carriedOver, ...monthRanges(deposits.keys())]);
    const { paidUpTo, continuousMonths, missedMonths } = ledger!.account;
    factsOk(
      JSON.stringify({ paidUpTo, continuousMonths, missedMonths }) === JSON.stringify(expected),
      `${accountNo}: ${JSON.stringify({ paidUpTo, continuousMonths, missedMonths })}, months give ${JSON.stringify(expected)}`,
    );
    const rent = (e: { description: string }) => e.description.startsWith('租房提取');
    const debits = ledger!.entries.filter((e) => e.kind === 'WITHDRAWAL' && rent(e)).length;
    const reversals = ledger!.entries.filter((e) => e.kind === 'REVERSAL' && rent(e)).length;
    rentOnce(debits - reversals <= 1, `${accountNo}: ${debits} debits, ${reversals} reversals`);
  }
  const entriesByApplication = new Map<string, number>();
  for (const ledger of ledgers.values()) {
    for (const entry of ledger!.entries as (typeof ledger & { entries: { kind: string; applicationId?: string }[] })['entries']) {
      const applicationId = (entry as { applicationId?: string }).applicationId;
      if (!applicationId) continue;
      // a closing posts 销户结息 with the same application id: only debits and their reversals count
      if (entry.kind !== 'WITHDRAWAL' && entry.kind !== 'REVERSAL') continue;
      entriesByApplication.set(applicationId, (entriesByApplication.get(applicationId) ?? 0) + (entry.kind === 'WITHDRAWAL' ? 1 : -1));
    }
  }
  for (const payout of options.bank.payouts.values()) {
    payoutOnce(payout.timesPaid <= 1, `${payout.payoutId} paid ${payout.timesPaid} times`);
    if (payout.status === 'PAID') paidMatches(entriesByApplication.get(payout.payoutId) === 1, `${payout.payoutId}: standing debits ${entriesByApplication.get(payout.payoutId)}`);
  }
  for (const retiree of retirees) {
    const mine = (await listApplications(options.tableName, retiree.accountNo, { limit: 50 })).applications.filter((a) => a.kind === 'RETIREMENT');
    const standing = mine.filter((a) => a.status !== 'REJECTED' && a.status !== 'PAYOUT_FAILED');
    const paidOut = mine.filter((a) => a.status === 'PAID');
    const account = ledgers.get(retiree.accountNo)!.account;
    count(operations, `retirement withdrawals ${paidOut.length ? 'paid, account closed' : standing.length ? 'under way' : 'not made'}`);
    retiredOnce(
      standing.length <= 1 && (paidOut.length === 0 || (account.status === 'CLOSED' && account.balanceFen === 0)),
      `${retiree.accountNo}: ${mine.map((a) => a.status).join(',')}, account ${account.status} ${account.balanceFen}`,
    );
  }
  for (const closer of closers) {
    const mine = (await listApplications(options.tableName, closer.accountNo, { limit: 50 })).applications.filter((a) => a.kind === 'CLOSING');
    const paidOut = mine.filter((a) => a.status === 'PAID');
    const account = ledgers.get(closer.accountNo)!.account;
    count(operations, `closing withdrawals ${paidOut.length ? 'paid, account closed' : mine.length ? 'under way or refused' : 'not made'}`);
    closedOnce(
      paidOut.length <= 1 && (paidOut.length === 0 || (account.status === 'CLOSED' && account.balanceFen === 0)) && (account.status !== 'CLOSED' || paidOut.length === 1),
      `${closer.accountNo}: ${mine.map((a) => a.status).join(',')}, account ${account.status} ${account.balanceFen}`,
    );
  }
  for (const borrower of borrowers) {
    const entries = ledgers.get(borrower.accountNo)!.entries.filter((entry) => entry.kind === 'LOAN_REPAYMENT');
    const months = new Set(entries.map((entry) => entry.valueDate.slice(0, 7)));
    const run = await readRun(options.tableName, borrower.accountNo, `GJJSOAK${borrower.accountNo}`, soakDay.slice(0, 7));
    const thisMonth = entries.filter((entry) => entry.valueDate.slice(0, 7) === soakDay.slice(0, 7));
    const matches = run && run.fromAccountFen > 0 ? thisMonth.length === 1 && thisMonth[0].entryId === run.entryId && thisMonth[0].amountFen === -run.fromAccountFen : thisMonth.length === 0;
    count(operations, `loan repayments ${run ? (run.shortfallFen > 0 ? 'with a shortfall' : 'paid in full') : 'not run'}`);
    repaidOnce(months.size === entries.length && matches, `${borrower.accountNo}: ${entries.length} entries, marker ${JSON.stringify(run ?? null)}`);
  }
  for (const borrower of commercialBorrowers) {
    const transfers = (await listApplications(options.tableName, borrower.accountNo, { limit: 50 })).applications.filter((a) => a.kind === 'LOAN_TRANSFER');
    const paidOut = transfers.filter((a) => a.status === 'PAID');
    const standing = transfers.filter((a) => a.status !== 'REJECTED' && a.status !== 'PAYOUT_FAILED');
    const atBank = [...options.bank.payouts.values()].filter((p) => p.cardNo === repaymentAccountOf(borrower.accountNo) && p.status === 'PAID');
    const paidAtBankFen = atBank.reduce((sum, p) => sum + p.amountFen, 0);
    const run = await readCommercialRun(options.tableName, borrower.accountNo, commercialContract(borrower.accountNo), soakDay.slice(0, 7));
    const runSays = !run ? transfers.length === 0 : run.status === 'PAID' ? paidOut.length === 1 && paidOut[0].applicationId === run.applicationId : paidOut.length === 0;
    count(operations, `commercial loan transfers ${run ? run.status.toLowerCase() : 'not run'}`);
    transferredOnce(
      paidOut.length <= 1 && standing.length <= 1 && atBank.length === paidOut.length && paidAtBankFen <= 150_000 && runSays,
      `${borrower.accountNo}: ${transfers.map((a) => a.status).join(',')}, bank paid ${paidAtBankFen} in ${atBank.length}, run ${JSON.stringify(run ?? null)}`,
    );
  }
  await socialInsurance.stop();
  const { sent } = (await (await fetch(`${options.wechatBase}/_control/sent`)).json()) as { sent: { touser: string; page: string }[] };
  const seen = new Map<string, number>();
  for (const message of sent.filter((m) => m.touser.startsWith('wx-soak-'))) seen.set(`${message.touser} ${message.page}`, (seen.get(`${message.touser} ${message.page}`) ?? 0) + 1);
  for (const [key, times] of seen) reminderOnce(times === 1, `${key} sent ${times} times`);

  client.destroy();
  return { operations, faults, checks };
}

/** A Lambda context whose invocation runs out of time `budgetMs` from now, past the handler's 5 s reserve. */
function runsOutOfTimeAfter(budgetMs: number): Context {
  const end = Date.now() + 5_000 + budgetMs;
  return { getRemainingTimeInMillis: () => end - Date.now() } as Context;
}

export function formatSoakReport(report: SoakReport): string {
  const lines = ['operations:'];
  for (const [name, n] of Object.entries(report.operations).sort()) lines.push(`  ${name.padEnd(40)} ${n}`);
  lines.push('faults injected:');
  for (const [name, n] of Object.entries(report.faults).sort()) lines.push(`  ${name.padEnd(40)} ${n}`);
  lines.push('invariants:');
  for (const c of report.checks) lines.push(`  ${c.invariant.padEnd(80)} checked ${String(c.checked).padStart(6)}  violations ${c.violations}${c.examples.length ? `  e.g. ${c.examples.join('; ')}` : ''}`);
  return lines.join('\n');
}
