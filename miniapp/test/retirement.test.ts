import { autoPayLine, chineseDate, RETIREMENT_HEADLINES } from '../src/lib/retirement';

describe('离退休提取 words in the mini program', () => {
  it('says the day a 免申即享 withdrawal pays itself, only while it waits for the member', () => {
    expect(autoPayLine({ status: 'PREPARED', autoPayOn: '2026-12-09' }, 'home')).toBe('您不用操作：2026年12月9日会自动转到您登记的银行卡。');
    expect(autoPayLine({ status: 'PREPARED', autoPayOn: '2027-01-31' }, 'page')).toContain('2027年1月31日会自动转到下面这张银行卡');
    // no policy days, or no longer waiting: nothing is promised
    expect(autoPayLine({ status: 'PREPARED' }, 'home')).toBeUndefined();
    expect(autoPayLine({ status: 'CONFIRMED', autoPayOn: '2026-12-09' }, 'page')).toBeUndefined();
    expect(autoPayLine({ status: 'DECLINED', autoPayOn: '2026-12-09' }, 'home')).toBeUndefined();
  });

  it('writes dates as people read them, and has a headline for every state', () => {
    expect(chineseDate('2024-08-12')).toBe('2024年8月12日');
    expect(RETIREMENT_HEADLINES.PREPARED).toBe('您的公积金可以全部提取了');
    expect(RETIREMENT_HEADLINES.PAID).toContain('销户');
  });
});
