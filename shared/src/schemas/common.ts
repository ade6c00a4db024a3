import * as z from 'zod/mini';
import { ERROR_MESSAGES, type ErrorCode } from '../errors';

const errorCodes = Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]];

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    requestId: z.optional(z.string()),
    fields: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Integer fen; a float or a string is refused, never rounded. */
export const FenAmount = z.int().check(z.minimum(-1e13), z.maximum(1e13));

export const YearMonth = z.string().check(
  z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '年月格式应为 YYYY-MM' }),
);
export const CalendarDate = z.string().check(
  z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 YYYY-MM-DD' }),
);
