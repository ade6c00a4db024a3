/**
 * Typed API client. Route names, bodies and responses come from the shared route catalogue as
 * types only: importing the catalogue's values would pull zod into the mini program bundle.
 */
import Taro from '@tarojs/taro';
import type { BodyOf, ErrorCode, ResponseOf, RouteName, routes } from '@hpf/shared';
import type * as z from 'zod/mini';
import { API_BASE } from '../lib/build-flags';
import { currentToken } from '../lib/session';
import { currentStaffToken } from '../lib/staff-session';

type Catalogue = typeof routes;
/** Routes whose spec says a retried money write must carry the same `Idempotency-Key`. */
type HasIdempotencyKey<N extends RouteName> = Catalogue[N] extends { idempotencyKey: true } ? true : false;
type Endpoint<N extends RouteName> = Pick<Catalogue[N], 'method' | 'path' | 'auth'> &
  (HasIdempotencyKey<N> extends true ? { idempotencyKey: true } : { idempotencyKey?: never });

/** Method and path per route; typed against the catalogue, so a change there fails tsc here. */
export const ENDPOINTS: { readonly [N in RouteName]: Endpoint<N> } = {
  health: { method: 'GET', path: '/v1/health', auth: 'public' },
  openapi: { method: 'GET', path: '/v1/openapi.json', auth: 'public' },
  wechatLogin: { method: 'POST', path: '/v1/auth/wechat', auth: 'public' },
  bind: { method: 'POST', path: '/v1/auth/bind', auth: 'session' },
  privacyNotice: { method: 'GET', path: '/v1/privacy-notice', auth: 'public' },
  myConsent: { method: 'GET', path: '/v1/me/consent', auth: 'member' },
  agreeConsent: { method: 'POST', path: '/v1/me/consent', auth: 'member' },
  unbind: { method: 'POST', path: '/v1/me/unbind', auth: 'member' },
  startFaceCheck: { method: 'POST', path: '/v1/me/face-checks', auth: 'session' },
  faceCheckResult: { method: 'POST', path: '/v1/me/face-checks/{checkId}/result', auth: 'session' },
  myAccount: { method: 'GET', path: '/v1/me/account', auth: 'member' },
  myLedger: { method: 'GET', path: '/v1/me/ledger', auth: 'member' },
  staffLogin: { method: 'POST', path: '/v1/staff/auth/login', auth: 'public' },
  agencyLogin: { method: 'POST', path: '/v1/agency/auth/login', auth: 'public' },
  postDepositBatch: { method: 'POST', path: '/v1/staff/deposit-batches', auth: 'staff' },
  previewDepositBatch: { method: 'POST', path: '/v1/staff/deposit-batches/preview', auth: 'staff' },
  openAccount: { method: 'POST', path: '/v1/staff/accounts', auth: 'staff' },
  staffAccount: { method: 'GET', path: '/v1/staff/accounts/{accountNo}', auth: 'staff' },
  searchAccounts: { method: 'POST', path: '/v1/staff/account-search', auth: 'staff' },
  staffAccountLedger: { method: 'GET', path: '/v1/staff/accounts/{accountNo}/ledger', auth: 'staff' },
  accountAuditTrail: { method: 'GET', path: '/v1/staff/accounts/{accountNo}/audit', auth: 'staff' },
  sealAccount: { method: 'POST', path: '/v1/staff/accounts/{accountNo}/seal', auth: 'staff' },
  unsealAccount: { method: 'POST', path: '/v1/staff/accounts/{accountNo}/unseal', auth: 'staff' },
  closeAccount: { method: 'POST', path: '/v1/staff/accounts/{accountNo}/close', auth: 'staff' },
  previewClosingWithdrawal: { method: 'POST', path: '/v1/staff/accounts/{accountNo}/closing-withdrawal/preview', auth: 'staff' },
  startClosingWithdrawal: { method: 'POST', path: '/v1/staff/accounts/{accountNo}/closing-withdrawal', auth: 'staff' },
  settleInterest: { method: 'POST', path: '/v1/staff/interest-settlements', auth: 'staff' },
  previewInterest: { method: 'POST', path: '/v1/staff/interest-settlements/preview', auth: 'staff' },
  issueCertificate: { method: 'POST', path: '/v1/me/certificates', auth: 'member', idempotencyKey: true },
  myCertificates: { method: 'GET', path: '/v1/me/certificates', auth: 'member' },
  certificateCode: { method: 'POST', path: '/v1/me/certificates/{certificateId}/code', auth: 'member' },
  revokeMyCertificate: { method: 'POST', path: '/v1/me/certificates/{certificateId}/revoke', auth: 'member' },
  certificateVerifications: { method: 'GET', path: '/v1/me/certificates/{certificateId}/verifications', auth: 'member' },
  staffCertificates: { method: 'POST', path: '/v1/staff/certificate-search', auth: 'staff' },
  staffRevokeCertificate: { method: 'POST', path: '/v1/staff/certificates/{certificateId}/revoke', auth: 'staff' },
  verifyCertificate: { method: 'POST', path: '/v1/verify', auth: 'public-or-verifier' },
  certificateKeys: { method: 'GET', path: '/v1/keys', auth: 'public' },
  loanCities: { method: 'GET', path: '/v1/loan-cities', auth: 'public' },
  serviceGuide: { method: 'GET', path: '/v1/service-guide', auth: 'public' },
  rentEligibility: { method: 'GET', path: '/v1/me/withdrawals/rent/eligibility', auth: 'member' },
  submitRentWithdrawal: { method: 'POST', path: '/v1/me/withdrawals/rent', auth: 'member', idempotencyKey: true },
  myWithdrawals: { method: 'GET', path: '/v1/me/withdrawals', auth: 'member' },
  myWithdrawal: { method: 'GET', path: '/v1/me/withdrawals/{applicationId}', auth: 'member' },
  cancelWithdrawal: { method: 'POST', path: '/v1/me/withdrawals/{applicationId}/cancel', auth: 'member' },
  myWithdrawalSettings: { method: 'GET', path: '/v1/me/withdrawal-settings', auth: 'member' },
  withdrawalSettings: { method: 'PUT', path: '/v1/me/withdrawal-settings', auth: 'member' },
  reviewQueue: { method: 'GET', path: '/v1/staff/withdrawals/review-queue', auth: 'staff' },
  reviewWithdrawal: { method: 'POST', path: '/v1/staff/withdrawals/{applicationId}/review', auth: 'staff' },
  staffWithdrawals: { method: 'GET', path: '/v1/staff/withdrawals', auth: 'staff' },
  staffWithdrawal: { method: 'GET', path: '/v1/staff/withdrawals/{applicationId}', auth: 'staff' },
  reconcileWithdrawal: { method: 'POST', path: '/v1/staff/withdrawals/{applicationId}/reconcile', auth: 'staff' },
  manualChecks: { method: 'GET', path: '/v1/staff/withdrawals/manual-checks', auth: 'staff' },
  resolveManualCheck: { method: 'POST', path: '/v1/staff/withdrawals/{applicationId}/resolve', auth: 'staff' },
  reportSubscriptions: { method: 'POST', path: '/v1/me/subscriptions', auth: 'member' },
  mySubscriptions: { method: 'GET', path: '/v1/me/subscriptions', auth: 'member' },
  myReminderSettings: { method: 'GET', path: '/v1/me/reminder-settings', auth: 'member' },
  reminderSettings: { method: 'PUT', path: '/v1/me/reminder-settings', auth: 'member' },
  myMessages: { method: 'GET', path: '/v1/me/messages', auth: 'member' },
  myRetirement: { method: 'GET', path: '/v1/me/retirement', auth: 'member' },
  myLoans: { method: 'GET', path: '/v1/me/loans', auth: 'member' },
  signRepaymentAgreement: { method: 'POST', path: '/v1/me/loans/agreement', auth: 'member' },
  cancelRepaymentAgreement: { method: 'POST', path: '/v1/me/loans/agreement/cancel', auth: 'member' },
  confirmRetirement: { method: 'POST', path: '/v1/me/retirement/confirm', auth: 'member' },
  declineRetirement: { method: 'POST', path: '/v1/me/retirement/decline', auth: 'member' },
  changeRetirementCard: { method: 'POST', path: '/v1/me/retirement/card', auth: 'member' },
  myRatings: { method: 'GET', path: '/v1/me/ratings', auth: 'member' },
  rateService: { method: 'POST', path: '/v1/me/ratings', auth: 'member' },
  declineRating: { method: 'POST', path: '/v1/me/ratings/{serviceId}/decline', auth: 'member' },
  replyToRatingCase: { method: 'POST', path: '/v1/me/ratings/{serviceId}/reply', auth: 'member' },
  staffRatingCases: { method: 'GET', path: '/v1/staff/rating-cases', auth: 'staff' },
  staffRatingCase: { method: 'GET', path: '/v1/staff/rating-cases/{caseId}', auth: 'staff' },
  ratingCaseStep: { method: 'POST', path: '/v1/staff/rating-cases/{caseId}/steps', auth: 'staff' },
  ratingFigures: { method: 'GET', path: '/v1/staff/rating-figures', auth: 'staff' },
  ratingExport: { method: 'GET', path: '/v1/staff/rating-export', auth: 'staff' },
  reconciliationDay: { method: 'GET', path: '/v1/staff/reconciliation/days/{date}', auth: 'staff' },
  reconciliationNote: { method: 'POST', path: '/v1/staff/reconciliation/days/{date}/notes', auth: 'staff' },
  proposeDayClose: { method: 'POST', path: '/v1/staff/reconciliation/days/{date}/close', auth: 'staff' },
  approveDayClose: { method: 'POST', path: '/v1/staff/reconciliation/days/{date}/close/approve', auth: 'staff' },
};

type QueryValue = string | number | undefined;
export type QueryOf<N extends RouteName> = Catalogue[N] extends { query: infer Q extends z.ZodMiniType }
  ? { [K in keyof z.input<Q>]?: QueryValue }
  : never;

/** Path parameters (`{certificateId}`), typed from the route's `params` schema. */
export type ParamsOf<N extends RouteName> = Catalogue[N] extends { params: infer P extends z.ZodMiniType }
  ? { [K in keyof z.input<P>]: string }
  : never;

type BodyPart<N extends RouteName> = [BodyOf<N>] extends [never] ? { body?: never } : { body: BodyOf<N> };
type QueryPart<N extends RouteName> = [QueryOf<N>] extends [never] ? { query?: never } : { query?: QueryOf<N> };
type ParamsPart<N extends RouteName> = [ParamsOf<N>] extends [never] ? { params?: never } : { params: ParamsOf<N> };
/** One key per form submission, reused on every retry of it (see lib/idempotency.ts). */
type IdempotencyPart<N extends RouteName> = HasIdempotencyKey<N> extends true ? { idempotencyKey: string } : { idempotencyKey?: never };
export type RequestOptions<N extends RouteName> = BodyPart<N> &
  QueryPart<N> &
  ParamsPart<N> &
  IdempotencyPart<N> & {
    /** Send no token even if someone is signed in (the public verify page). */
    anonymous?: boolean;
    /** A passed 人脸核验 for a sensitive act (header `Face-Check-Id`; the server says which acts need one). */
    faceCheckId?: string;
  };
/** Options are required exactly when the route has a body or path parameters. */
type OptionsArg<N extends RouteName> = [BodyOf<N> | ParamsOf<N>] extends [never]
  ? [options?: RequestOptions<N>]
  : [options: RequestOptions<N>];

export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';
export interface FieldError {
  path: string;
  message: string;
}

export const NETWORK_MESSAGE = '网络不太好，请检查网络后重试';
export const BAD_RESPONSE_MESSAGE = '服务暂时不可用，请稍后再试';

export class ApiError extends Error {
  readonly code: ClientErrorCode;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly fields: readonly FieldError[];

  constructor(code: ClientErrorCode, message: string, status: number, fields: readonly FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

/** Duck-typed: class identity across transpiled `extends Error` is unreliable in old runtimes. */
export function isApiError(error: unknown): error is ApiError {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ApiError';
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  return isApiError(error) ? error.message : BAD_RESPONSE_MESSAGE;
}

/** base + path + ?query; URLSearchParams is not available in the weapp runtime. */
export function buildUrl(base: string, path: string, query?: Record<string, QueryValue>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === '') continue;
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  const root = base.replace(/\/+$/, '');
  return pairs.length ? `${root}${path}?${pairs.join('&')}` : `${root}${path}`;
}

/** Fills `{name}` placeholders in a route path, each value URL-encoded; a missing value is a bug. */
export function fillPath(path: string, params?: Record<string, string>): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (typeof value !== 'string' || value === '') throw new Error(`missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
}

function isFieldError(value: unknown): value is FieldError {
  const item = value as FieldError | null;
  return typeof item === 'object' && item !== null && typeof item.path === 'string' && typeof item.message === 'string';
}

/** A non-2xx answer as an ApiError: the server's code and Chinese message when it sent them. */
export function toApiError(status: number, data: unknown): ApiError {
  const error = (data as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(error.code) && typeof error.message === 'string') {
    const fields = Array.isArray(error.fields) ? error.fields.filter(isFieldError) : [];
    return new ApiError(error.code as ErrorCode, error.message, status, fields);
  }
  // A proxy's HTML page, an empty 502 and the like: nothing the member can act on.
  return new ApiError('BAD_RESPONSE', BAD_RESPONSE_MESSAGE, status);
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  header: Record<string, string>;
  data?: unknown;
}
export interface HttpResponse {
  statusCode: number;
  data: unknown;
}
/** The slice of Taro.request the client uses; tests pass a fake. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export interface ClientDeps {
  transport: Transport;
  baseUrl: string;
  /** The member's (WeChat) session token. */
  getToken: () => string | undefined;
  /** The counter staff's token, kept apart from the member's; sent on staff routes. */
  getStaffToken?: () => string | undefined;
}

export function createClient({ transport, baseUrl, getToken, getStaffToken }: ClientDeps) {
  return async function request<N extends RouteName>(name: N, ...[options]: OptionsArg<N>): Promise<ResponseOf<N>> {
    const endpoint: Pick<Endpoint<RouteName>, 'method' | 'path' | 'auth'> & { idempotencyKey?: boolean } = ENDPOINTS[name];
    const opts = (options ?? {}) as {
      body?: unknown;
      query?: Record<string, QueryValue>;
      params?: Record<string, string>;
      anonymous?: boolean;
      idempotencyKey?: string;
      faceCheckId?: string;
    };
    const path = fillPath(endpoint.path, opts.params);
    const header: Record<string, string> = { Accept: 'application/json' };
    if (opts.body !== undefined) header['Content-Type'] = 'application/json';
    const staffRoute = endpoint.auth === 'staff' || endpoint.auth === 'public-or-verifier';
    const token = endpoint.auth === 'public' || opts.anonymous ? undefined : staffRoute ? getStaffToken?.() : getToken();
    if (token) header.Authorization = `Bearer ${token}`;
    if (endpoint.idempotencyKey && opts.idempotencyKey) header['Idempotency-Key'] = opts.idempotencyKey;
    if (opts.faceCheckId) header['Face-Check-Id'] = opts.faceCheckId;

    let response: HttpResponse;
    try {
      response = await transport({
        url: buildUrl(baseUrl, path, opts.query),
        method: endpoint.method,
        header,
        data: opts.body,
      });
    } catch {
      throw new ApiError('NETWORK', NETWORK_MESSAGE, 0);
    }
    const { statusCode, data } = response;
    if (statusCode >= 200 && statusCode < 300 && typeof data === 'object' && data !== null) {
      return data as ResponseOf<N>;
    }
    throw toApiError(statusCode, data);
  };
}

const taroTransport: Transport = async ({ url, method, header, data }) => {
  const response = await Taro.request({ url, method, header, data, dataType: 'json', timeout: 15_000 });
  return { statusCode: response.statusCode, data: response.data };
};

export const request = createClient({
  transport: taroTransport,
  baseUrl: API_BASE,
  getToken: currentToken,
  getStaffToken: currentStaffToken,
});
