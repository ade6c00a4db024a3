/** Rates typed in % become the API's basis points, and back, without float arithmetic. */
import { formatRate, parsePercent } from '../src/display/format';

describe('parsePercent', () => {
  it('reads whole and decimal percentages as basis points', () => {
    expect(parsePercent('12')).toBe(1200);
    expect(parsePercent('7.5')).toBe(750);
    expect(parsePercent(' 7.5% ')).toBe(750);
    expect(parsePercent('0.05')).toBe(5);
    // 0.07 × 100 is 7.000000000000001 in floats: never multiplied here
    expect(parsePercent('0.07')).toBe(7);
  });

  it('refuses what is not a rate of at most two decimals', () => {
    for (const text of ['', 'abc', '12.345', '-5', '1e2', '12..5']) expect(parsePercent(text)).toBeUndefined();
  });

  it('is the inverse of formatRate', () => {
    for (const bp of [0, 5, 7, 50, 500, 750, 1200, 1234]) expect(parsePercent(formatRate(bp))).toBe(bp);
  });
});
