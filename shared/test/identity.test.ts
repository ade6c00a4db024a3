import { idNumberCheckChar, isValidIdNumber, isValidMobile, maskBankCard, maskIdNumber, maskName, maskPhone } from '../src/identity';

describe('GB 11643 ID numbers', () => {
  it('computes the check character from the weighted sum', () => {
    // The worked example in GB 11643-1999: 11010519491231002X
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('refuses a wrong check character, a false birth date and wrong lengths', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    const feb30 = '11010519490230002';
    expect(isValidIdNumber(`${feb30}${idNumberCheckChar(feb30)}`)).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('011010519491231002X')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
  });

  it('validates mainland mobile numbers', () => {
    expect(isValidMobile('13800138000')).toBe(true);
    expect(isValidMobile('12800138000')).toBe(false);
    expect(isValidMobile('1380013800')).toBe(false);
  });

  it('masks real-name data, keeping only what a person needs to recognise it', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskBankCard('6222021001123450012')).toBe('**** 0012');
    expect(maskName('张明')).toBe('*明');
  });
});
