/** The words of 交叉复核 that the mini program and the console both say. */
import { reviewEffect, reviewTurn, reviewTurnHint } from '../src/display/review';

describe('review words', () => {
  it('tells each reviewer whose turn it is', () => {
    expect(reviewTurn(undefined, 'reviewer.a')).toBe('first');
    expect(reviewTurn({ by: 'reviewer.a', decision: 'APPROVE' }, 'reviewer.a')).toBe('own');
    expect(reviewTurn({ by: 'reviewer.a', decision: 'APPROVE' }, 'reviewer.b')).toBe('second');
    expect(reviewTurnHint('own')).toContain('须由另一位审核人员复核');
  });

  it('says what a decision will do before it is sent', () => {
    const application = { amountFen: 150_000, bankCardMasked: '**** 0012' };
    expect(reviewEffect(undefined, 'REJECT', application)).toBe('记为初审“不同意”。申请仍在审核中，还需另一位审核人员复核。');
    expect(reviewEffect({ by: 'a', decision: 'APPROVE' }, 'APPROVE', application)).toBe('复核同意：申请通过，付款程序将把 ¥1,500.00 转到职工尾号 0012 的银行卡。');
    expect(reviewEffect({ by: 'a', decision: 'REJECT' }, 'REJECT', application)).toContain('申请未通过');
    // disagreeing sends it back to the queue: nothing is decided
    expect(reviewEffect({ by: 'a', decision: 'APPROVE' }, 'REJECT', application)).toContain('回到待审核');
  });
});
