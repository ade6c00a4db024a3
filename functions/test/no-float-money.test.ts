/**
 * Money is integer fen. The static half reads the money path's source (as a TypeScript syntax
 * tree, so comments and message strings do not count) for the usual ways floating point creeps
 * in; the dynamic half posts real money into a table and reads every stored amount back raw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { applyAmount, chinaDate, DEFAULT_POLICY } from '@hpf/shared';
import { post } from '../src/adapters/ledger-repository';
import { handler as postBatch } from '../src/deposits/handler';
import { handler as settle } from '../src/interest/settle';
import { dueLine, syntheticAccount, writeSyntheticAccounts } from '../src/dev/synthetic-accounts';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

const ROOT = path.resolve(__dirname, '../..');

const tsFilesIn = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => `${dir}/${name}`);

const MONEY_PATH = [
  ...['money', 'posting', 'interest', 'deposit-batch', 'ledger', 'account'].map((name) => `shared/src/${name}.ts`),
  'functions/src/adapters/ledger-repository.ts',
  ...tsFilesIn('functions/src/deposits'),
  ...tsFilesIn('functions/src/interest'),
  ...tsFilesIn('functions/src/ledger'),
];

interface Finding {
  file: string;
  line: number;
  rule: string;
  code: string;
}

/**
 * The few legitimate divisions by 100 on the money path, by file and exact expression.
 * Each must still be there (a stale entry fails too), so the list cannot quietly grow.
 */
const ALLOWED: { file: string; code: string; why: string }[] = [
  {
    file: 'shared/src/money.ts',
    code: 'abs / 100',
    // formatYuan: Math.floor(abs / 100) is the whole-yuan part of a display string; the fen part
    // comes from abs % 100 (exact). For any safe integer abs, abs / 100 < 2^47 lies at least 0.01
    // below the next integer, while rounding to the nearest double there moves it by at most
    // 2^-7 < 0.01, so the floor is exact. The result is text, never stored or added.
    why: 'whole yuan of a display string',
  },
  {
    file: 'shared/src/account.ts',
    code: 'min / 100',
    // checkRates: the lower bound of a deposit rate, basis points → percent, in an error message.
    // A rate, not an amount; it is only ever shown.
    why: 'basis points as a percentage in a message',
  },
  {
    file: 'shared/src/account.ts',
    code: 'max / 100',
    why: 'basis points as a percentage in a message (upper bound)',
  },
];

function isNumericLiteral(node: ts.Node, value: string): boolean {
  return ts.isNumericLiteral(node) && Number(node.text) === Number(value);
}

/** Floating point on the money path: what it finds, where, and the code it found. */
function floatFindings(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const add = (node: ts.Node, rule: string) =>
    findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, rule, code: node.getText(sf) });
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && node.text === 'parseFloat') add(node, 'parseFloat');
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'toFixed') add(node, 'toFixed(');
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'round' && ts.isIdentifier(node.expression) && node.expression.text === 'Math') {
      add(node, 'Math.round(');
    }
    if (ts.isBinaryExpression(node) && isNumericLiteral(node.right, '100')) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.SlashToken || op === ts.SyntaxKind.SlashEqualsToken) add(node, '/ 100');
    }
    // a decimal or negative-exponent literal (0.01, 1.5, 1e-2): integers like 10_000 or 1e13 are fine
    if (ts.isNumericLiteral(node) && !Number.isInteger(Number(node.text))) add(node, 'decimal literal');
    if (ts.isNumericLiteral(node) && /^\d[\d_]*\.\d/.test(node.text)) {
      if (Number.isInteger(Number(node.text))) add(node, 'decimal literal'); // 1.0 is still written as a float
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

const allowed = (f: Finding) => f.rule === '/ 100' && ALLOWED.some((a) => a.file === f.file && a.code === f.code);

describe('no floating point on the money path (static)', () => {
  it('the detector finds each forbidden form, and ignores comments and message text', () => {
    const planted = [
      'const yuan = amountFen / 100;',
      'let x = 5; x /= 100;',
      'const a = parseFloat(text);',
      'const b = Number.parseFloat(text);',
      'const c = fen.toFixed(2);',
      'const d = Math.round(fen * rate);',
      'const e = fen * 0.01;',
      'const f = 1.5;',
      'const g = 1e-2;',
    ].join('\n');
    expect(floatFindings('planted.ts', planted).map((f) => f.rule)).toEqual([
      '/ 100',
      '/ 100',
      'parseFloat',
      'parseFloat',
      'toFixed(',
      'Math.round(',
      'decimal literal',
      'decimal literal',
      'decimal literal',
    ]);
    const harmless = [
      '// amountFen / 100 and parseFloat(x) in a comment, 1.5% too',
      '/** Math.round( and toFixed( in a doc comment, 0.01 */',
      "const message = `应为元，如 840.00：${text}`;",
      "const other = 'x / 100 parseFloat 1.5';",
      'const n = 10_000 * 1e13 + 100 / 7;',
    ].join('\n');
    expect(floatFindings('harmless.ts', harmless)).toEqual([]);
  });

  it.each(MONEY_PATH)('%s uses no parseFloat, toFixed, Math.round, ÷ 100 or decimal literal', (file) => {
    const findings = floatFindings(file, readFileSync(path.join(ROOT, file), 'utf8')).filter((f) => !allowed(f));
    expect(findings).toEqual([]);
  });

  it('every allow-listed division by 100 is still in the code (no stale exceptions)', () => {
    for (const entry of ALLOWED) {
      const found = floatFindings(entry.file, readFileSync(path.join(ROOT, entry.file), 'utf8'));
      expect(found.filter((f) => f.rule === '/ 100' && f.code === entry.code)).toHaveLength(1);
    }
  });
});

const table = useTestTable({ seed: true });
const AMOUNT_FIELDS = ['balanceFen', 'amountFen', 'balanceAfterFen', 'unitShareFen', 'personalShareFen'];

async function scanAll(): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await table.client.send(new ScanCommand({ TableName: table.name, ConsistentRead: true, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every number in an attribute value, with where it sits (maps and lists included). */
function numbers(value: AttributeValue, at: string, out: { at: string; n: string }[]) {
  if (value.N !== undefined) out.push({ at, n: value.N });
  if (value.NS) value.NS.forEach((n, i) => out.push({ at: `${at}[${i}]`, n }));
  if (value.M) for (const [key, inner] of Object.entries(value.M)) numbers(inner, `${at}.${key}`, out);
  if (value.L) value.L.forEach((inner, i) => numbers(inner, `${at}[${i}]`, out));
  return out;
}

describe('every stored amount is whole fen (dynamic)', () => {
  it('after a deposit batch and an interest settlement, every amount field of every item is a safe integer', async () => {
    const accounts = Array.from({ length: 12 }, (_, i) => syntheticAccount(i + 1, '7'));
    await writeSyntheticAccounts(table.client, table.name, accounts);
    const today = chinaDate(new Date());
    const month = today.slice(0, 7);
    const renter = table.members.find((m) => m.openid === 'demo-renter')!.account;
    const lines = [...accounts, renter].map((account, i) => dueLine(account, i + 1, month, DEFAULT_POLICY));
    const batch = await invoke(postBatch, { token: await staffToken('deposit.clerk'), body: { batchId: 'B-NOFLOAT', lines } });
    expect(batch.body.counts).toEqual({ posted: lines.length, duplicate: 0, rejected: 0, pending: 0 });
    // the synthetic bases (500,000 + k × 10,011 fen) at 5%–12% give shares with odd fen in them
    expect(lines.some((l) => l.unitFen % 100 !== 0)).toBe(true);

    // the latest year whose settlement is due: this year once 30 June (China) is over. The demo
    // members have it already (their history is seeded through the settlement rule); the synthetic
    // accounts get an opening balance carried over in that period, with odd fen, so they earn
    const year = Number(today.slice(0, 4)) - (today.slice(5) > '06-30' ? 0 : 1);
    for (const [i, account] of accounts.entries()) {
      const amountFen = 1_234_567 + i * 1_011;
      const opened = await post({
        tableName: table.name,
        accountNo: account.accountNo,
        postedAt: new Date(),
        guards: [],
        plan: (current) => ({
          ok: true,
          plan: {
            entry: { kind: 'OPENING', amountFen, valueDate: `${year}-01-0${1 + (i % 9)}`, description: '系统迁移期初余额' },
            account: applyAmount(current, amountFen),
          },
        }),
      });
      expect(opened.outcome).toBe('posted');
    }
    const settled = await invoke(settle, { token: await staffToken('account.clerk'), body: { year } });
    expect(settled.status).toBe(200);
    expect(settled.body.counts.posted).toBeGreaterThan(0);

    const items = await scanAll();
    const seen = new Map<string, number>();
    const bad: string[] = [];
    for (const item of items) {
      for (const [name, value] of Object.entries(item)) {
        // the named amount fields, and anything else named …Fen (bases, interest, totals in audit details)
        for (const { at, n } of numbers(value, name, [])) {
          const leaf = at.split('.').pop()!.replace(/\[\d+\]$/, '');
          if (!AMOUNT_FIELDS.includes(leaf) && !leaf.endsWith('Fen')) continue;
          seen.set(leaf, (seen.get(leaf) ?? 0) + 1);
          // the raw wire form: digits only, so nothing was ever stored as 1234.5 or 1.2e3
          if (!/^-?\d+$/.test(n) || !Number.isSafeInteger(Number(n))) bad.push(`${item.pk.S} ${item.sk.S} ${at}=${n}`);
        }
      }
    }
    expect(bad).toEqual([]);
    for (const field of AMOUNT_FIELDS) expect(seen.get(field) ?? 0).toBeGreaterThan(0);
    expect(seen.get('interestFen') ?? 0).toBeGreaterThan(0);
  });
});
