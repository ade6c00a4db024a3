import { depositShare, formatCurrency, formatYuan, parseYuan, spokenYuan } from '../src/money';

describe('money in integer fen', () => {
  it('formats fen as yuan with thousands separators', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(123456)).toBe('1,234.56');
    expect(formatYuan(-123456789)).toBe('-1,234,567.89');
    expect(formatCurrency(168000)).toBe('¥1,680.00');
    expect(formatCurrency(-5)).toBe('-¥0.05');
  });

  it('reads amounts aloud as yuan, not as digits', () => {
    expect(spokenYuan(123456)).toBe('1234.56元');
  });

  it('refuses fractional fen instead of rounding them', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
  });

  it('parses decimal yuan text without floating point', () => {
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(parseYuan('1,234.56')).toBe(123456);
    expect(parseYuan('-3')).toBe(-300);
    expect(parseYuan('1.234')).toBeUndefined();
    expect(parseYuan('abc')).toBeUndefined();
    expect(parseYuan('')).toBeUndefined();
  });

  describe('a deposit share is base × rate, rounded half up', () => {
    it('to the fen', () => {
      expect(depositShare(1_200_000, 700, 'FEN')).toBe(84_000);
      // 3,456.78 元 × 7% = 241.9746 元 → 241.97
      expect(depositShare(345_678, 700, 'FEN')).toBe(24_197);
      // 2,690.50 元 × 5% = 134.525 元 → half up → 134.53
      expect(depositShare(269_050, 500, 'FEN')).toBe(13_453);
    });

    it('to the yuan', () => {
      // 241.9746 元 → 242 元
      expect(depositShare(345_678, 700, 'YUAN')).toBe(24_200);
      // 134.525 元 → 135 元
      expect(depositShare(269_050, 500, 'YUAN')).toBe(13_500);
      // 134.49 元 → 134 元
      expect(depositShare(268_980, 500, 'YUAN')).toBe(13_400);
    });

    it('refuses rates that are not whole basis points', () => {
      expect(() => depositShare(100_000, 7.5, 'FEN')).toThrow(RangeError);
      expect(() => depositShare(100_000, 10_001, 'FEN')).toThrow(RangeError);
    });
  });
});
