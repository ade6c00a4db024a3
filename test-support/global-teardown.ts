import { readLogLines, scanLogLines } from './log-scan';
import { removeRunBundles } from './run-bundles';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__HPF_TEST_STACK__ as
    | { dynamodb: { stop(): Promise<void> }; wechat: { stop(): Promise<void> } }
    | undefined;
  await Promise.all([stack?.dynamodb.stop(), stack?.wechat.stop()]);
  removeRunBundles();

  // Every line the handlers wrote during the whole run (in-process, and the browser tests' local
  // stack): no whole ID number, phone, bank card or token. A finding fails the run.
  const logFile = process.env.HPF_LOG_FILE;
  if (!logFile) return;
  const lines = readLogLines(logFile);
  const findings = scanLogLines(lines);
  process.stdout.write(`\nlog privacy scan: ${lines.length} log lines of this run, ${findings.length} with personal data\n`);
  if (findings.length > 0) {
    for (const finding of findings.slice(0, 20)) process.stdout.write(`  line ${finding.lineNo}: ${finding.rule}: ${finding.excerpt}\n`);
    throw new Error(`log privacy scan: ${findings.length} log lines of this run hold personal data or a token (${logFile})`);
  }
}
