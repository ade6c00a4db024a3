/** The short soak: money invariants under concurrency and injected faults (npm run soak runs it long). */
import { formatSoakReport, runSoak } from '../../test-support/soak';
import { useExternalSimulators } from '../../test-support/simulators';
import { useTestTable } from '../../test-support/table';

jest.setTimeout(600_000);
const table = useTestTable({ stream: true });
const sims = useExternalSimulators();

it('keeps every money invariant under concurrent operations and injected faults', async () => {
  const report = await runSoak({
    tableName: table.name,
    bank: sims.bank,
    wechatBase: process.env.WECHAT_API_BASE!,
    durationMs: Number(process.env.HPF_SOAK_MS ?? 20_000),
    members: 20,
    concurrency: 6,
    faultRate: 0.05,
  });
  process.stdout.write(`${formatSoakReport(report)}\n`);
  const totalOps = Object.values(report.operations).reduce((a, b) => a + b, 0);
  const totalFaults = Object.values(report.faults).reduce((a, b) => a + b, 0);
  expect(totalOps).toBeGreaterThan(20);
  expect(totalFaults).toBeGreaterThan(0);
  for (const check of report.checks) expect([check.invariant, check.violations, check.examples]).toEqual([check.invariant, 0, []]);
  expect(report.checks.find((c) => c.invariant.startsWith('balance'))!.checked).toBe(20);
});
