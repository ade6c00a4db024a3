/** Builds the OpenAPI 3.1 document from the route catalogue and its zod schemas. */
import * as z from 'zod/mini';
import { ERROR_MESSAGES, type ErrorCode } from './errors';
import { routes, type RouteSpec } from './api';
import { ErrorBody } from './schemas/common';

/** Which HTTP status each error code is answered with; the functions use the same table. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  INVALID_REQUEST: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  NOT_BOUND: 403,
  SESSION_ENDED: 401,
  CONSENT_OUTDATED: 409,
  FORBIDDEN: 403,
  WECHAT_CODE_INVALID: 400,
  WECHAT_UNAVAILABLE: 503,
  WECHAT_RATE_LIMITED: 429,
  WECHAT_RISKY_USER: 403,
  IDENTITY_MISMATCH: 422,
  ALREADY_BOUND: 409,
  ACCOUNT_BOUND_ELSEWHERE: 409,
  TOO_MANY_ATTEMPTS: 429,
  ACCOUNT_NOT_FOUND: 404,
  STAFF_LOGIN_FAILED: 401,
  STAFF_DISABLED: 403,
  AGENCY_DISABLED: 403,
  ACCOUNT_SEALED: 409,
  ACCOUNT_CLOSED: 409,
  SERVICE_NOT_RATEABLE: 404,
  RATING_WINDOW_CLOSED: 409,
  ALREADY_RATED: 409,
  RATING_CASE_NOT_FOUND: 404,
  CASE_STEP_NOT_ALLOWED: 409,
  APPEAL_BY_ANOTHER: 409,
  NOTHING_TO_REPLY: 409,
  ACCOUNT_FROZEN: 409,
  ACCOUNT_EXISTS: 409,
  ACCOUNT_NOT_SEALED: 409,
  ACCOUNT_NOT_NORMAL: 409,
  BALANCE_NOT_ZERO: 409,
  NAME_MISMATCH: 422,
  AMOUNT_MISMATCH: 422,
  MONTH_IN_FUTURE: 422,
  MONTH_BEFORE_OPENING: 422,
  MONTH_ALREADY_DEPOSITED: 409,
  LINE_CONFLICT: 409,
  INTEREST_NOT_DUE: 409,
  BUSY_RETRY: 503,
  NO_PAID_OFF_LOAN: 409,
  CERT_NEEDS_NORMAL_ACCOUNT: 409,
  CERT_NOT_FOUND: 404,
  CERT_REVOKED: 409,
  CERT_EXPIRED: 409,
  RATE_LIMITED: 429,
  ALREADY_WITHDRAWN_THIS_MONTH: 409,
  OVER_MONTHLY_LIMIT: 422,
  INSUFFICIENT_BALANCE: 422,
  ACCOUNT_NOT_ACTIVE: 409,
  OWNS_HOME: 409,
  HAS_ACTIVE_LOAN: 409,
  DEPOSIT_MONTHS_SHORT: 409,
  WITHDRAWAL_LOCKED: 409,
  APPLICATION_IN_FLIGHT: 409,
  BANK_CARD_NOT_ON_FILE: 422,
  BANK_CARD_COOLING_OFF: 409,
  WRONG_MONTH: 422,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_REUSED: 409,
  APPLICATION_NOT_FOUND: 404,
  LIMIT_ABOVE_CITY_CAP: 422,
  NOT_CANCELLABLE: 409,
  NOT_REVIEWABLE: 409,
  NOT_IN_MANUAL_CHECK: 409,
  SAME_REVIEWER: 409,
  DAY_CLOSED: 409,
  DAY_NOT_IMPORTED: 409,
  DAY_NOT_EXPLAINED: 409,
  DAY_CLOSE_NOT_PROPOSED: 409,
  DAY_CLOSE_SAME_PERSON: 409,
  UNMATCHED_ITEM_NOT_FOUND: 404,
  FACE_CHECK_REQUIRED: 403,
  FACE_CHECK_EXPIRED: 403,
  FACE_CHECK_USED: 409,
  FACE_CHECK_MISMATCH: 403,
  FACE_CHECK_NOT_FOUND: 404,
  FACE_TOO_MANY_FAILURES: 429,
  FACE_UNAVAILABLE: 503,
  RETIREMENT_NOT_PREPARED: 409,
  RETIREMENT_HELD: 409,
  LOAN_NOT_FOUND: 404,
  LOAN_NOT_OUTSTANDING: 409,
  AGREEMENT_EXISTS: 409,
  BANK_NOT_COOPERATING: 422,
  NO_ACTIVE_AGREEMENT: 409,
  REPAYMENT_AGREEMENT_ACTIVE: 409,
  CLOSING_DOCUMENTS_MISSING: 422,
  CLOSING_HELD: 409,
  RETIREMENT_ALREADY_PREPARED: 409,
  INTERNAL: 500,
};

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function operation(name: string, spec: RouteSpec) {
  const parameters: unknown[] = [];
  if (spec.params) {
    const params = jsonSchema(spec.params, 'input') as { properties?: Record<string, unknown> };
    for (const [param, schema] of Object.entries(params.properties ?? {})) {
      parameters.push({ name: param, in: 'path', required: true, schema });
    }
  }
  if (spec.query) {
    const query = jsonSchema(spec.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [param, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name: param, in: 'query', required: query.required?.includes(param) ?? false, schema });
    }
  }
  const responses: Record<string, unknown> = {
    200: { description: 'OK', content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } },
  };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...spec.errors, 'INTERNAL' as const]) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of byStatus) {
    responses[status] = {
      description: codes.map((code) => `${code}: ${ERROR_MESSAGES[code]}`).join('\n'),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      'x-error-codes': codes,
    };
  }
  return {
    operationId: name,
    summary: spec.summary,
    ...(spec.auth === 'public' ? { security: [] } : { security: [{ session: [] }] }),
    'x-auth': spec.auth,
    ...(spec.roles ? { 'x-staff-roles': spec.roles } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: jsonSchema(spec.body, 'input') },
              ...(spec.csv ? { 'text/csv': { schema: { type: 'string', description: 'line,account_no,name,month,unit_amount,personal_amount（金额单位：元）' } } } : {}),
            },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApiDocument(catalogue: Record<string, RouteSpec> = routes) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(catalogue)) {
    paths[spec.path] = { ...paths[spec.path], [spec.method.toLowerCase()]: operation(name, spec) };
  }
  return {
    openapi: '3.1.0',
    info: { title: '公积金服务 API', version: '1.0.0', description: '住房公积金缴存职工服务接口。金额单位均为分（整数）。' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
    },
  };
}
