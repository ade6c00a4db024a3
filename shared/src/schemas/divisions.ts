import * as z from 'zod/mini';

const Division = z.object({ code: z.string(), name: z.string() });

/** The cities a 异地贷款缴存使用证明 can name, by province (GET /v1/loan-cities). */
export const LoanCityList = z.object({
  provinces: z.array(z.object({ code: z.string(), name: z.string(), cities: z.array(Division) })),
});
export type LoanCityList = z.infer<typeof LoanCityList>;
