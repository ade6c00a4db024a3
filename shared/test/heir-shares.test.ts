import { splitAmongHeirs } from '../src/closing-withdrawal';

describe('splitAmongHeirs: 身后一件事 split among several heirs to the fen', () => {
  it('splits by the document’s parts and sums to the whole', () => {
    expect(splitAmongHeirs(10_000_000, [{ parts: 2 }, { parts: 1 }, { parts: 1 }])).toEqual([5_000_000, 2_500_000, 2_500_000]);
    expect(splitAmongHeirs(12_345, [{ parts: 1 }])).toEqual([12_345]);
  });

  it('gives the fen left over to the heirs who lost most in rounding down, the first listed between equals', () => {
    // 100 fen in three equal parts: 33.33 each, the one fen left to the first heir
    expect(splitAmongHeirs(100, [{ parts: 1 }, { parts: 1 }, { parts: 1 }])).toEqual([34, 33, 33]);
    // 101 fen: 33.67 each, two fen left, to the first two
    expect(splitAmongHeirs(101, [{ parts: 1 }, { parts: 1 }, { parts: 1 }])).toEqual([34, 34, 33]);
    // 10 fen as 1:2:4 → 1.43, 2.86, 5.71: floors 1, 2, 5; the two fen left to the 2.86 and the 5.71, not to the first heir
    expect(splitAmongHeirs(10, [{ parts: 1 }, { parts: 2 }, { parts: 4 }])).toEqual([1, 3, 6]);
  });

  it('never gives an heir more than their exact share rounded up, nor less than rounded down; always the whole', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let run = 0; run < 500; run += 1) {
      const heirs = Array.from({ length: 1 + (next() % 6) }, () => ({ parts: 1 + (next() % 9) }));
      const total = next() % 50_000_000;
      const amounts = splitAmongHeirs(total, heirs);
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(total);
      const whole = heirs.reduce((sum, h) => sum + h.parts, 0);
      amounts.forEach((amount, i) => {
        const exact = (total * heirs[i].parts) / whole;
        expect(amount).toBeGreaterThanOrEqual(Math.floor(exact));
        expect(amount).toBeLessThanOrEqual(Math.ceil(exact));
      });
    }
  });

  it('handles a balance whose product with the parts passes 2^53', () => {
    expect(splitAmongHeirs(9_000_000_000_000, [{ parts: 999_999 }, { parts: 1 }])).toEqual([8_999_991_000_000, 9_000_000]);
  });

  it('refuses no heirs, a part of zero or a fraction, and an amount that is not whole fen', () => {
    expect(() => splitAmongHeirs(100, [])).toThrow(RangeError);
    expect(() => splitAmongHeirs(100, [{ parts: 0 }])).toThrow(RangeError);
    expect(() => splitAmongHeirs(100, [{ parts: 1.5 }])).toThrow(RangeError);
    expect(() => splitAmongHeirs(10.5, [{ parts: 1 }])).toThrow(RangeError);
  });
});
