/** The 贷款城市 choice, pure: the province chosen first, then its city; what is sent is the code. */
import type { LoanCityList } from '@hpf/shared';

export type LoanCityProvince = LoanCityList['provinces'][number];

export interface LoanCityChoice {
  /** GB/T 2260 code, sent as `targetCityCode`. */
  code: string;
  /** As the certificate will state it: 浙江省杭州市 (北京市 for a municipality). */
  fullName: string;
}

export function fullCityName(province: LoanCityProvince, city: { code: string; name: string }): string {
  return city.code === province.code ? province.name : `${province.name}${city.name}`;
}

/**
 * The step after tapping a province: a municipality (北京、天津、上海、重庆) is its own only city,
 * so it is chosen at once; otherwise its cities are offered.
 */
export function afterProvince(province: LoanCityProvince): { choice: LoanCityChoice } | { cities: LoanCityProvince['cities'] } {
  if (province.cities.length === 1) return { choice: { code: province.cities[0].code, fullName: fullCityName(province, province.cities[0]) } };
  return { cities: province.cities };
}

/** Where the field error of the issue request belongs (the server names the field). */
export function isCityField(path: string): boolean {
  return /targetCityCode$/.test(path);
}
