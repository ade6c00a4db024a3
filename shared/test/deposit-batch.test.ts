import { DepositBatchRequest, DepositLine, parseDepositCsv } from '../src/deposit-batch';

const HEADER = 'line,account_no,name,month,unit_amount,personal_amount';

describe('deposit batch lines', () => {
  const line = { lineNo: 1, accountNo: '310000000001', name: '张三', month: '2026-05', unitFen: 84_000, personalFen: 84_000 };

  it('accepts a line with or without a name', () => {
    expect(DepositLine.safeParse(line).success).toBe(true);
    const { name: _omitted, ...withoutName } = line;
    expect(DepositLine.safeParse(withoutName).success).toBe(true);
  });

  it('refuses a line with nothing deposited', () => {
    const result = DepositLine.safeParse({ ...line, unitFen: 0, personalFen: 0 });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['单位和个人缴存额不能都为 0']);
    expect(DepositLine.safeParse({ ...line, unitFen: 0 }).success).toBe(true);
  });

  it('refuses fractional fen, negative amounts and malformed account numbers', () => {
    expect(DepositLine.safeParse({ ...line, unitFen: 840.5 }).success).toBe(false);
    expect(DepositLine.safeParse({ ...line, personalFen: -1 }).success).toBe(false);
    expect(DepositLine.safeParse({ ...line, accountNo: '31000000001' }).success).toBe(false);
    expect(DepositLine.safeParse({ ...line, month: '2026-13' }).success).toBe(false);
    expect(DepositLine.safeParse({ ...line, lineNo: 0 }).success).toBe(false);
  });

  it('refuses a batch that uses a line number twice', () => {
    const result = DepositBatchRequest.safeParse({
      batchId: 'ICBC-20260601_01',
      lines: [line, { ...line, lineNo: 2 }, { ...line, lineNo: 1, accountNo: '310000000002' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ message: '行号 1 重复', path: ['lines', 2, 'lineNo'] }),
    ]);
  });

  it('checks the batch id and the number of lines', () => {
    expect(DepositBatchRequest.safeParse({ batchId: 'B1', lines: [line] }).success).toBe(true);
    expect(DepositBatchRequest.safeParse({ batchId: 'B1', lines: [] }).success).toBe(false);
    expect(DepositBatchRequest.safeParse({ batchId: 'batch 1', lines: [line] }).success).toBe(false);
    expect(DepositBatchRequest.safeParse({ batchId: 'x'.repeat(65), lines: [line] }).success).toBe(false);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ ...line, lineNo: i + 1 }));
    expect(DepositBatchRequest.safeParse({ batchId: 'B1', lines: tooMany }).success).toBe(false);
  });
});

describe('the bank CSV', () => {
  it('reads a good file', () => {
    const csv = [
      HEADER,
      '1,310000000001,张三,2026-05,840.00,840.00',
      '2,310000000002,,2026-05,1234.5,0',
      '3,310000000003,王五,2026-05,0,12',
      '',
    ].join('\n');
    expect(parseDepositCsv(csv)).toEqual({
      lines: [
        { lineNo: 1, accountNo: '310000000001', name: '张三', month: '2026-05', unitFen: 84_000, personalFen: 84_000 },
        { lineNo: 2, accountNo: '310000000002', month: '2026-05', unitFen: 123_450, personalFen: 0 },
        { lineNo: 3, accountNo: '310000000003', name: '王五', month: '2026-05', unitFen: 0, personalFen: 1_200 },
      ],
      errors: [],
      // the file row of each line (the header is row 1)
      rowOf: { 1: 2, 2: 3, 3: 4 },
    });
  });

  it('reads a file with a byte-order mark and CRLF line ends', () => {
    const csv = `\uFEFF${HEADER}\r\n1,310000000001,张三,2026-05,840.00,840.00\r\n2,310000000002,李四,2026-05,0.29,0.10\r\n`;
    const { lines, errors } = parseDepositCsv(csv);
    expect(errors).toEqual([]);
    expect(lines.map((l) => [l.lineNo, l.name, l.unitFen, l.personalFen])).toEqual([
      [1, '张三', 84_000, 84_000],
      [2, '李四', 29, 10],
    ]);
  });

  it('reads quoted fields holding a comma or a quote', () => {
    const csv = `${HEADER}\n1,310000000001,"Smith, John",2026-05,840.00,840.00\n"2","310000000002","O""Brien",2026-05,"1.00","2.00"\n`;
    const { lines, errors } = parseDepositCsv(csv);
    expect(errors).toEqual([]);
    expect(lines.map((l) => l.name)).toEqual(['Smith, John', 'O"Brien']);
    expect(lines[1]).toMatchObject({ lineNo: 2, unitFen: 100, personalFen: 200 });
  });

  it('turns each bad row into an error with its file row number, keeping the good rows', () => {
    const csv = [
      HEADER, // row 1
      '1,310000000001,张三,2026-05,12.345,840.00', // row 2
      '2,310000000002,李四,2026-05,-1,840.00', // row 3
      '3,310000000003,王五,2026-05,abc,840.00', // row 4
      '4,310000000004,赵六,2026-05,,840.00', // row 5
      '5,310000000005,钱七,2026-05,840.00,840.00', // row 6: good
      '6,310000000006,孙八,2026-05,840.00', // row 7: five columns
      '7,31000000007,周九,2026/05,0,0', // row 8
      'x,310000000008,吴十,2026-05,1,1', // row 9
      '5,310000000009,郑一,2026-05,1,1', // row 10: line 5 again
      '8,310000000010,王二,2026-05,"1,234.50",0', // row 11: thousands separator inside quotes
    ].join('\r\n');
    const { lines, errors } = parseDepositCsv(csv);
    expect(lines.map((l) => l.lineNo)).toEqual([5]);
    expect(errors).toEqual([
      { row: 2, message: '单位缴存额最多两位小数：12.345' },
      { row: 3, message: '单位缴存额不能为负数' },
      { row: 4, message: '单位缴存额格式不正确，应为元，如 840.00：abc' },
      { row: 5, message: '单位缴存额不能为空' },
      { row: 7, message: '应有 6 列，实际 5 列' },
      { row: 8, message: '公积金账号应为 12 位数字；年月格式应为 YYYY-MM；单位和个人缴存额不能都为 0' },
      { row: 9, message: '行号应为正整数：x' },
      { row: 10, message: '行号 5 与第 6 行重复' },
      { row: 11, message: '单位缴存额格式不正确，应为元，如 840.00：1,234.50' },
    ]);
  });

  it('reports a missing or unknown header as the only error', () => {
    const noHeader = parseDepositCsv('1,310000000001,张三,2026-05,840.00,840.00\n');
    expect(noHeader.lines).toEqual([]);
    expect(noHeader.errors).toHaveLength(1);
    expect(noHeader.errors[0].row).toBe(1);
    expect(parseDepositCsv('').errors).toHaveLength(1);
    expect(parseDepositCsv('line,account,name,month,unit,personal\n1,2,3,4,5,6').errors).toHaveLength(1);
  });

  it('reports a quote left open instead of throwing', () => {
    const { lines, errors } = parseDepositCsv(`${HEADER}\n1,310000000001,张三,2026-05,840.00,840.00\n2,310000000002,"李四,2026-05,1,1\n`);
    expect(lines).toHaveLength(1);
    expect(errors).toEqual([{ row: 3, message: '引号没有闭合，此行及以后的内容未读取' }]);
  });

  // speed belongs to npm run bench; a timed assertion here failed on a busy machine
  it('parses a 10,000-line file whole: every row, amounts exact, a valid batch', () => {
    const rows = [HEADER];
    for (let i = 1; i <= 10_000; i += 1) {
      rows.push(`${i},${String(310_000_000_000 + i)},"测试${i}",2026-05,${i % 5000}.${String(i % 100).padStart(2, '0')},840.00`);
    }
    const csv = rows.join('\r\n');
    const { lines, errors } = parseDepositCsv(csv);
    expect(errors).toEqual([]);
    expect(lines).toHaveLength(10_000);
    expect(lines[9_999]).toMatchObject({ lineNo: 10_000, unitFen: 0, personalFen: 84_000 });
    expect(DepositBatchRequest.safeParse({ batchId: 'BIG', lines }).success).toBe(true);
  });
});
