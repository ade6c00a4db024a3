import { checkBindForm, fieldErrorsFrom } from '../src/lib/bind-form';
import { formatDate, formatMonths, formatRate, formatYearMonth, spokenAmounts } from '../src/lib/format';
import { appendPage } from '../src/lib/ledger-pages';
import { initialElderMode, prefersExtraLargeText, prefersLargeText, wechatTextScale } from '../src/lib/text-size';
import { LEDGER } from './support/fixtures';

describe('elder mode start-up', () => {
  it('follows a large WeChat font when the member has not chosen', () => {
    expect(initialElderMode('', { fontSizeScaleFactor: 1.25 })).toBe(true);
    expect(initialElderMode(undefined, { fontSizeSetting: 22 })).toBe(true);
    expect(initialElderMode('', { fontSizeScaleFactor: 1 })).toBe(false);
    expect(initialElderMode('', {})).toBe(false);
  });

  it('keeps the member\u2019s own choice over the WeChat font', () => {
    expect(initialElderMode('0', { fontSizeScaleFactor: 1.6 })).toBe(false);
    expect(initialElderMode('1', { fontSizeScaleFactor: 1 })).toBe(true);
  });

  it('prefers the scale factor and ignores nonsense values', () => {
    expect(wechatTextScale({ fontSizeScaleFactor: 1.4, fontSizeSetting: 16 })).toBe(1.4);
    expect(wechatTextScale({ fontSizeScaleFactor: Number.NaN, fontSizeSetting: 12 })).toBe(1);
    expect(prefersLargeText({ fontSizeSetting: 17 })).toBe(false);
    expect(prefersExtraLargeText({ fontSizeScaleFactor: 1.5 })).toBe(true);
  });
});

describe('display formats', () => {
  it('shows basis points as a percentage without float error', () => {
    expect(formatRate(700)).toBe('7%');
    expect(formatRate(1250)).toBe('12.5%');
    expect(formatRate(5)).toBe('0.05%');
    expect(formatRate(1207)).toBe('12.07%');
  });

  it('writes months and dates the Chinese way', () => {
    expect(formatYearMonth('2024-05')).toBe('2024年5月');
    expect(formatYearMonth(undefined)).toBe('—');
    expect(formatDate('2024-05-09')).toBe('2024年5月9日');
    expect(formatMonths(38)).toBe('3年2个月');
    expect(formatMonths(36)).toBe('3年');
    expect(formatMonths(5)).toBe('5个月');
  });

  it('says the amounts inside a sentence in 元, as the Amount component does', () => {
    expect(spokenAmounts('缴存 2026-11 单位 ¥840.00 个人 ¥840.00')).toBe('缴存 2026-11 单位 840.00元 个人 840.00元');
    expect(spokenAmounts('到账后余额 ¥89,040.00')).toBe('到账后余额 89040.00元');
    expect(spokenAmounts('+¥1,680.00')).toBe('收入1680.00元');
    expect(spokenAmounts('-¥1,500.00')).toBe('支出1500.00元');
    expect(spokenAmounts('没有金额')).toBe('没有金额');
  });
});

describe('bind form', () => {
  it('flags each wrong field before anything is sent', () => {
    expect(checkBindForm({ name: ' ', idNumber: '123', phone: '1380000' })).toEqual({
      name: '请填写姓名',
      idNumber: expect.stringContaining('身份证号'),
      phone: '手机号应为 11 位数字',
    });
    expect(checkBindForm({ name: '陈新', idNumber: '11010519491231002X', phone: '13800138000' })).toEqual({});
  });

  it('says what to do for each kind of mistake, as the server does', () => {
    expect(checkBindForm({ name: '陈新', idNumber: '', phone: '' })).toEqual({ idNumber: '请填写身份证号', phone: '请填写手机号' });
    expect(checkBindForm({ name: '陈新', idNumber: '1101051949123100', phone: '12800138000' })).toEqual({
      idNumber: '身份证号应为 18 位（现在是 16 位）',
      // eleven digits: not told to type eleven digits
      phone: '手机号不正确，请核对（应以 13 到 19 开头）',
    });
    expect(checkBindForm({ name: '陈新', idNumber: '110105194912310021', phone: '13800138000' }).idNumber).toBe('身份证号不正确，请核对（最后一位可能是 X）');
  });

  it('places server field errors on their fields', () => {
    expect(
      fieldErrorsFrom([
        { path: 'body.idNumber', message: '身份证号不正确' },
        { path: 'phone', message: '手机号应为 11 位数字' },
        { path: 'unknown', message: 'x' },
      ]),
    ).toEqual({ idNumber: '身份证号不正确', phone: '手机号应为 11 位数字' });
  });
});

describe('ledger paging', () => {
  it('appends the next page and shows a repeated entry once', () => {
    const first = LEDGER.entries.slice(0, 1);
    expect(appendPage(first, LEDGER).map((entry) => entry.entryId)).toEqual(['e2', 'e1']);
  });
});
