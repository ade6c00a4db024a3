/**
 * The route catalogue: every HTTP route once, with its schemas and the errors it can answer.
 * Handlers take their schemas from here, the OpenAPI document is generated from here, and the
 * mini program's client is typed from here, so the three cannot drift apart.
 */
import * as z from 'zod/mini';
import type { ErrorCode } from './errors';
import { AccountView } from './schemas/account';
import { BindRequest, SessionResponse, WechatLoginRequest } from './schemas/auth';
import { LedgerPage, LedgerQuery } from './schemas/ledger';

/** Who may call: anyone, a WeChat session (bound or not), a bound member, or staff. */
export type RouteAuth = 'public' | 'session' | 'member' | 'staff';

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly summary: string;
  readonly auth: RouteAuth;
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  readonly response: z.ZodMiniType;
  readonly errors: readonly ErrorCode[];
}

export const HealthResponse = z.object({ status: z.literal('ok'), time: z.string() });
/** The OpenAPI document itself is free-form JSON. */
const OpenApiDocument = z.record(z.string(), z.unknown());

const BAD_INPUT = ['INVALID_REQUEST', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'] as const;
const SIGNED_IN = ['UNAUTHENTICATED', 'SESSION_EXPIRED'] as const;

export const routes = {
  health: {
    method: 'GET',
    path: '/v1/health',
    summary: '服务健康检查',
    auth: 'public',
    response: HealthResponse,
    errors: [],
  },
  openapi: {
    method: 'GET',
    path: '/v1/openapi.json',
    summary: 'OpenAPI 3.1 接口文档',
    auth: 'public',
    response: OpenApiDocument,
    errors: [],
  },
  wechatLogin: {
    method: 'POST',
    path: '/v1/auth/wechat',
    summary: '微信登录：用 wx.login 的 code 换取会话令牌',
    auth: 'public',
    body: WechatLoginRequest,
    response: SessionResponse,
    errors: [...BAD_INPUT, 'WECHAT_CODE_INVALID', 'WECHAT_RATE_LIMITED', 'WECHAT_RISKY_USER', 'WECHAT_UNAVAILABLE'],
  },
  bind: {
    method: 'POST',
    path: '/v1/auth/bind',
    summary: '实名绑定：姓名、身份证号、手机号与中心登记信息一致时绑定公积金账户',
    auth: 'session',
    body: BindRequest,
    response: SessionResponse,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'IDENTITY_MISMATCH', 'ALREADY_BOUND', 'ACCOUNT_BOUND_ELSEWHERE', 'TOO_MANY_ATTEMPTS'],
  },
  myAccount: {
    method: 'GET',
    path: '/v1/me/account',
    summary: '我的公积金账户：余额、状态、月缴存额、缴存基数与比例、缴至年月',
    auth: 'member',
    response: AccountView,
    errors: [...SIGNED_IN, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND'],
  },
  myLedger: {
    method: 'GET',
    path: '/v1/me/ledger',
    summary: '我的缴存明细：按时间倒序分页',
    auth: 'member',
    query: LedgerQuery,
    response: LedgerPage,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND'],
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;
export type ResponseOf<N extends RouteName> = z.infer<(typeof routes)[N]['response']>;
export type BodyOf<N extends RouteName> = (typeof routes)[N] extends { body: infer B extends z.ZodMiniType }
  ? z.input<B>
  : never;
