import { certificateTimes, factRows, formatChinaTime, VERDICT_MARKS } from '../src/lib/certificate-facts';
import { CERTIFICATE } from './support/fixtures';

describe('certificate facts as rows', () => {
  it('shows the whole ID number and property address where the reader may see them, instead of the masked ones', () => {
    const rows = factRows({
      holderName: '赵丽',
      idNumberMasked: '3101**********0042',
      idNumber: '310101198805050042',
      propertyAddressMasked: '上海市徐汇区****',
      propertyAddress: '上海市徐汇区漕溪北路 88 弄 3 号 601 室',
    });
    expect(rows.map((row) => [row.label, 'text' in row.value ? row.value.text : row.value.fen])).toEqual([
      ['姓名', '赵丽'],
      ['身份证号', '310101198805050042'],
      ['房屋坐落', '上海市徐汇区漕溪北路 88 弄 3 号 601 室'],
    ]);
  });

  it('keeps the masked values when the whole ones are not given', () => {
    const rows = factRows({ holderName: '*丽', idNumberMasked: '3101**********0042', propertyAddressMasked: '上海市徐汇区****' });
    expect(rows.map((row) => row.label)).toEqual(['姓名', '身份证号', '房屋坐落']);
    expect(rows.map((row) => row.key)).toEqual(['holderName', 'idNumberMasked', 'propertyAddressMasked']);
  });
});

describe('what a reader judges a certificate by', () => {
  it('names 开具时间, 数据截至 and 有效期至 in China time', () => {
    expect(certificateTimes({ ...CERTIFICATE, factsAsOf: '2026-05-01T01:59:00.000Z' })).toEqual([
      { key: 'issuedAt', label: '开具时间', text: '2026年5月1日 10:00' },
      { key: 'factsAsOf', label: '数据截至', text: '2026年5月1日 09:59' },
      { key: 'expiresAt', label: '有效期至', text: '2026年5月31日 10:00' },
    ]);
    expect(formatChinaTime('not a time')).toBe('not a time');
  });

  it('marks a changed certificate with its own sign, never the tick of a valid one', () => {
    expect(VERDICT_MARKS.changed).not.toBe(VERDICT_MARKS.valid);
    expect(VERDICT_MARKS.changed).toBe('!');
  });
});
