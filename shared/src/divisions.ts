/**
 * The cities a loan elsewhere (异地贷款) can be sought in: every city with a housing provident
 * fund centre of its own, by its GB/T 2260 administrative division code.
 *
 * The list is generated from the pinned `@vant/area-data` by `npm run generate:loan-cities` into
 * `loan-cities.data.ts` (a test checks it still equals what the package says), so the functions
 * carry 337 cities rather than the package's whole table with its ~3,000 counties (see README,
 * "Administrative divisions").
 */
import { LOAN_CITY_PROVINCES } from './loan-cities.data';

export interface LoanCityProvince {
  code: string;
  name: string;
  cities: { code: string; name: string }[];
}

export interface LoanCity {
  /** GB/T 2260 code: 330100 for 杭州市; a municipality has its province-level code (110000). */
  code: string;
  /** 杭州市 */
  name: string;
  /** With its province, as a certificate states it: 浙江省杭州市 (北京市 for a municipality). */
  fullName: string;
  provinceCode: string;
  provinceName: string;
}

/** The shape of `@vant/area-data`'s `areaList` that the list is derived from. */
export interface AreaList {
  province_list: Record<string, string>;
  city_list: Record<string, string>;
}

/** 北京、天津、上海、重庆: directly under the central government, one centre each. */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** 台湾、香港、澳门 have no housing provident fund of this system. */
const NO_PROVIDENT_FUND = new Set(['71', '81', '82']);
/**
 * `xx9000` is not a city but the package's bucket for county-level units directly under the
 * province (省直辖县级行政区划, e.g. 济源、仙桃); they are not prefecture-level and are left out.
 */
const DIRECTLY_ADMINISTERED_COUNTIES = /^\d\d90\d\d$/;

/** The rule, applied to the package's table: what the generator writes and the test re-checks. */
export function deriveLoanCityProvinces(areas: AreaList): LoanCityProvince[] {
  return Object.entries(areas.province_list)
    .filter(([code]) => !NO_PROVIDENT_FUND.has(code.slice(0, 2)))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, name]) => {
      const prefix = code.slice(0, 2);
      // a municipality's city_list rows are 市辖区 (110100) and, for 重庆, 县 (500200): the city is the municipality itself
      const cities = MUNICIPALITIES.has(prefix)
        ? [{ code, name }]
        : Object.entries(areas.city_list)
            .filter(([cityCode]) => cityCode.startsWith(prefix) && !DIRECTLY_ADMINISTERED_COUNTIES.test(cityCode))
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([cityCode, cityName]) => ({ code: cityCode, name: cityName }));
      return { code, name, cities };
    });
}

/** Provinces in code order, each with its cities in code order: what the picker offers. */
export function loanCityProvinces(): readonly LoanCityProvince[] {
  return LOAN_CITY_PROVINCES;
}

let byCode: Map<string, LoanCity> | undefined;

/** The city with this code, or undefined when it is not one a loan can be sought in. */
export function loanCity(code: string): LoanCity | undefined {
  byCode ??= new Map(
    LOAN_CITY_PROVINCES.flatMap((province) =>
      province.cities.map((city): [string, LoanCity] => [
        city.code,
        {
          ...city,
          fullName: city.code === province.code ? province.name : `${province.name}${city.name}`,
          provinceCode: province.code,
          provinceName: province.name,
        },
      ]),
    ),
  );
  return byCode.get(code);
}
