/**
 * The collecting bank's deposit batch (汇缴批次): one line per member and month, the unit share
 * and the personal share in integer fen. The bank delivers it as CSV; {@link parseDepositCsv}
 * turns the file into lines plus per-row errors, and {@link DepositBatchRequest} is the schema
 * the API validates a batch against.
 */
import * as z from 'zod/mini';
import { parseYuan, type Fen } from './money';
import { YearMonth } from './schemas/common';
import { plainText } from './schemas/text';

/**
 * Upper bound per share: a sanity bound, not policy (the policy caps deposits far lower). It
 * keeps a full batch's total below 2^53: 10,000 lines × 2 shares × 10^10 fen = 2 × 10^14.
 */
const MAX_SHARE_FEN = 10_000_000_000;
export const MAX_DEPOSIT_BATCH_LINES = 10_000;

const ShareFen = z.int({ error: '金额应为整数（分）' }).check(
  z.minimum(0, { error: '金额不能为负数' }),
  z.maximum(MAX_SHARE_FEN, { error: '金额超出上限' }),
);

export const DepositLine = z.object({
  lineNo: z.int({ error: '行号应为正整数' }).check(z.minimum(1, { error: '行号应为正整数' })),
  accountNo: z.string().check(z.regex(/^\d{12}$/, { error: '公积金账号应为 12 位数字' })),
  /** For a name check against the account holder. */
  name: z.optional(plainText({ label: '姓名', min: { length: 1, message: '姓名不能为空' }, max: 30, trim: false })),
  month: YearMonth,
  unitFen: ShareFen,
  personalFen: ShareFen,
}).check(z.refine((line) => line.unitFen + line.personalFen > 0, {
  error: '单位和个人缴存额不能都为 0',
  path: ['unitFen'],
}));
export type DepositLine = z.infer<typeof DepositLine>;

export const DepositBatchRequest = z.object({
  batchId: z.string().check(
    z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '批次号应为 1 到 64 位字母、数字、下划线或连字符' }),
  ),
  lines: z.array(DepositLine).check(
    z.minLength(1, { error: '批次中没有明细行' }),
    z.maxLength(MAX_DEPOSIT_BATCH_LINES, { error: `每批最多 ${MAX_DEPOSIT_BATCH_LINES} 行` }),
    z.superRefine((lines, ctx) => {
      const seen = new Set<number>();
      lines.forEach((line, index) => {
        if (seen.has(line.lineNo)) {
          ctx.addIssue({ code: 'custom', message: `行号 ${line.lineNo} 重复`, path: [index, 'lineNo'], input: line.lineNo });
        }
        seen.add(line.lineNo);
      });
    }),
  ),
});
export type DepositBatchRequest = z.infer<typeof DepositBatchRequest>;

export const DEPOSIT_CSV_COLUMNS = ['line', 'account_no', 'name', 'month', 'unit_amount', 'personal_amount'] as const;

export interface DepositCsvError {
  /** 1-based row of the file, the header being row 1 (for a quoted field spanning lines: where the record starts). */
  row: number;
  message: string;
}

export interface DepositCsvResult {
  lines: DepositLine[];
  errors: DepositCsvError[];
  /** The file row each line came from, by line number (a clerk finds a line by either). */
  rowOf: Record<number, number>;
}

interface CsvRecord {
  row: number;
  fields: string[];
}

/**
 * RFC 4180 records: fields separated by commas, records by CRLF or LF; a field in double quotes
 * may hold commas, line breaks and "" for a quote. Empty lines are skipped. A quote left open at
 * the end of the file is reported through `unterminatedAt`.
 */
function readCsvRecords(text: string): { records: CsvRecord[]; unterminatedAt?: number } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let row = 1;
  let recordRow = 1;
  let quoted = false;
  let i = 0;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ row: recordRow, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') row += 1;
        field += ch;
      }
      i += 1;
    } else if (ch === '"') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      row += 1;
      recordRow = row;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (quoted) return { records, unterminatedAt: recordRow };
  endRecord();
  return { records };
}

/** Plain decimal yuan as banks write them: no sign, no thousands separator, at most 2 decimals. */
const CSV_AMOUNT = /^\d+(?:\.\d{1,2})?$/;

function csvAmount(text: string, label: string, problems: string[]): Fen | undefined {
  if (text === '') {
    problems.push(`${label}不能为空`);
    return undefined;
  }
  if (text.startsWith('-')) {
    problems.push(`${label}不能为负数`);
    return undefined;
  }
  if (/^\d+\.\d{3,}$/.test(text)) {
    problems.push(`${label}最多两位小数：${text}`);
    return undefined;
  }
  const fen = CSV_AMOUNT.test(text) ? parseYuan(text) : undefined;
  if (fen === undefined) {
    problems.push(`${label}格式不正确，应为元，如 840.00：${text}`);
  }
  return fen;
}

function parseRecord(fields: string[], problems: string[]): DepositLine | undefined {
  const [lineText, accountNo, name, month, unitText, personalText] = fields.map((f) => f.trim());
  const candidate: Record<string, unknown> = { accountNo, month, ...(name !== '' ? { name } : {}) };
  // a field already reported here is left out, and the schema's "missing" issue for it dropped
  const reported = new Set<string>();
  if (/^\d{1,9}$/.test(lineText)) candidate.lineNo = Number(lineText);
  else {
    problems.push(`行号应为正整数：${lineText}`);
    reported.add('lineNo');
  }
  for (const [key, text, label] of [
    ['unitFen', unitText, '单位缴存额'],
    ['personalFen', personalText, '个人缴存额'],
  ] as const) {
    const fen = csvAmount(text, label, problems);
    if (fen === undefined) reported.add(key);
    else candidate[key] = fen;
  }
  const parsed = DepositLine.safeParse(candidate);
  if (parsed.success) return problems.length === 0 ? parsed.data : undefined;
  for (const issue of parsed.error.issues) {
    if (!reported.has(String(issue.path[0]))) problems.push(issue.message);
  }
  return undefined;
}

/**
 * Reads the bank's CSV (UTF-8, optional BOM, CRLF or LF, header row
 * `line,account_no,name,month,unit_amount,personal_amount`). Never throws: a bad row becomes an
 * error with its file row number, a bad or missing header becomes the only error. A line number
 * already used by an earlier row is an error on the later row.
 */
export function parseDepositCsv(text: string): DepositCsvResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { records, unterminatedAt } = readCsvRecords(body);
  const header = records[0];
  const expectedHeader = DEPOSIT_CSV_COLUMNS.join(',');
  if (!header || header.fields.map((f) => f.trim().toLowerCase()).join(',') !== expectedHeader) {
    return { lines: [], errors: [{ row: header?.row ?? 1, message: `缺少表头或表头不正确，应为：${expectedHeader}` }], rowOf: {} };
  }

  const lines: DepositLine[] = [];
  const errors: DepositCsvError[] = [];
  const rowOfLineNo = new Map<number, number>();
  for (const { row, fields } of records.slice(1)) {
    if (fields.length !== DEPOSIT_CSV_COLUMNS.length) {
      errors.push({ row, message: `应有 ${DEPOSIT_CSV_COLUMNS.length} 列，实际 ${fields.length} 列` });
      continue;
    }
    const problems: string[] = [];
    const line = parseRecord(fields, problems);
    if (line) {
      const firstRow = rowOfLineNo.get(line.lineNo);
      if (firstRow !== undefined) {
        errors.push({ row, message: `行号 ${line.lineNo} 与第 ${firstRow} 行重复` });
        continue;
      }
      rowOfLineNo.set(line.lineNo, row);
      lines.push(line);
    } else {
      errors.push({ row, message: problems.join('；') });
    }
  }
  if (unterminatedAt !== undefined) {
    errors.push({ row: unterminatedAt, message: '引号没有闭合，此行及以后的内容未读取' });
  }
  return { lines, errors, rowOf: Object.fromEntries(rowOfLineNo) };
}
