/**
 * The 异地贷款 city list is generated from the pinned division package (@vant/area-data) and is
 * checked against what the package itself says: a package upgrade without regenerating, or one
 * that changes the package's shape, fails here.
 */
import { areaList } from '@vant/area-data';
import { deriveLoanCityProvinces, loanCity, loanCityProvinces } from '../src';

const all = loanCityProvinces().flatMap((province) => province.cities.map((city) => ({ ...city, province })));

describe('loan cities from GB/T 2260', () => {
  it('lists the 4 municipalities and the 333 prefecture-level divisions, in 31 provinces', () => {
    expect(loanCityProvinces()).toHaveLength(31);
    expect(all).toHaveLength(337);
    expect(new Set(all.map((city) => city.code)).size).toBe(all.length);
  });

  it('is what the generator makes of the installed package (run npm run generate:loan-cities after an upgrade)', () => {
    expect(loanCityProvinces()).toEqual(deriveLoanCityProvinces(areaList));
  });

  it('is exactly what the package lists, less the buckets that are not cities', () => {
    const fromPackage = Object.entries(areaList.city_list)
      .filter(([code]) => !/^(11|12|31|50|71|81|82)/.test(code) && !/^\d\d90/.test(code))
      .map(([code, name]) => ({ code, name }));
    const municipalities = ['110000', '120000', '310000', '500000'].map((code) => ({ code, name: areaList.province_list[code] }));
    expect(all.map(({ code, name }) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code))).toEqual(
      [...municipalities, ...fromPackage].sort((a, b) => a.code.localeCompare(b.code)),
    );
  });

  it('names a city with its province, as the certificate states it', () => {
    expect(loanCity('330100')).toEqual({ code: '330100', name: '杭州市', fullName: '浙江省杭州市', provinceCode: '330000', provinceName: '浙江省' });
    expect(loanCity('460400')?.fullName).toBe('海南省儋州市');
    expect(loanCity('652300')?.fullName).toBe('新疆维吾尔自治区昌吉回族自治州');
    expect(loanCity('232700')?.fullName).toBe('黑龙江省大兴安岭地区');
  });

  it('takes a municipality by its own code and says its name once', () => {
    expect(loanCity('110000')).toMatchObject({ name: '北京市', fullName: '北京市' });
    expect(loanCity('500000')).toMatchObject({ fullName: '重庆市' });
    // the package's 市辖区 / 县 rows of a municipality are not cities
    for (const code of ['110100', '310100', '500100', '500200']) expect(loanCity(code)).toBeUndefined();
  });

  it('knows nothing that is not a city with a centre of its own', () => {
    for (const code of [
      '419000', '429000', '469000', '659000', // 省直辖县级行政区划 buckets
      '330000', // a province
      '330106', // a district of 杭州
      '371200', // 莱芜市, merged into 济南 in 2019
      '710100', '810100', '820100', // 台湾、香港、澳门
      '000000', '999999', '', 'Hangzhou', '杭州市',
    ]) {
      expect(loanCity(code)).toBeUndefined();
    }
  });

  it('gives every city a Chinese name ending the way a prefecture-level name ends', () => {
    for (const city of all) expect(city.name).toMatch(/^[\u4e00-\u9fff]+(市|州|盟|地区)$/);
  });
});
