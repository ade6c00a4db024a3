/**
 * The HTTP edge every handler goes through: content checks, zod parsing of body and query,
 * session checks for the route's audience, one place mapping domain errors to statuses, and one
 * log line per request. A thrown error never leaves as a 200 or with a stack.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { DomainError, ERROR_MESSAGES, ERROR_STATUS, isDomainError, type ErrorBody, type RouteSpec } from '@hpf/shared';
import { config, secretsReady } from './config';
import { inInvocation, log } from './log';
import { verifySession, type Session } from './session';
import type { Binding } from '../adapters/bindings-repository';

const MAX_BODY_BYTES = 64 * 1024;

type Infer<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

export interface RouteContext<R extends RouteSpec> {
  body: Infer<R['body']>;
  query: Infer<R['query']>;
  params: Infer<R['params']>;
  session: R['auth'] extends 'public' ? undefined : R['auth'] extends 'public-or-verifier' ? Session | undefined : Session;
  /** The member's account number; present on `member` routes. */
  accountNo: R['auth'] extends 'member' ? string : undefined;
  requestId: string;
  now: Date;
  /** The validated `Idempotency-Key` header, on routes that require one. */
  idempotencyKey: R['idempotencyKey'] extends true ? string : undefined;
  /** The `Face-Check-Id` header on sensitive acts: the passed 人脸核验 this act uses (absent = none sent). */
  faceCheckId: R['faceCheck'] extends true ? string | undefined : undefined;
  /** Milliseconds this invocation has left (unbounded when invoked outside Lambda). */
  remainingMs: () => number;
  event: APIGatewayProxyEventV2;
  /**
   * A bound member's binding, as the edge read it to check the session still stands (refused with
   * SESSION_ENDED otherwise): handlers that need the binding take it here instead of reading it again.
   */
  binding: () => Promise<Binding>;
}

export type RouteHandler<R extends RouteSpec> = (ctx: RouteContext<R>) => Promise<z.infer<R['response']>>;

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

function json(status: number, body: unknown, requestId: string, cacheSeconds?: number): APIGatewayProxyResultV2 {
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': cacheSeconds ? `public, max-age=${cacheSeconds}` : 'no-store',
      'x-request-id': requestId,
      'x-content-type-options': 'nosniff',
    },
    body: JSON.stringify(body),
  };
}

function errorBody(error: DomainError, requestId: string): ErrorBody {
  const fields = Array.isArray(error.details) ? (error.details as { path: string; message: string }[]) : undefined;
  return { error: { code: error.code, message: error.message, requestId, ...(fields ? { fields } : {}) } };
}

function parseWith<S extends z.ZodMiniType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.infer<S>;
  const fields = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    // zod's own English for shapes we did not word ourselves stays out of the member's sight
    message: /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '格式不正确',
  }));
  const first = fields[0];
  const message = first?.path ? `${ERROR_MESSAGES.INVALID_REQUEST}（${first.path}：${first.message}）` : ERROR_MESSAGES.INVALID_REQUEST;
  throw new DomainError('INVALID_REQUEST', message, fields);
}

function readBody(spec: RouteSpec, event: APIGatewayProxyEventV2): unknown {
  const contentType = (header(event, 'content-type') ?? '').trim();
  const isJson = /^application\/json\b/i.test(contentType);
  const isCsv = Boolean(spec.csv) && /^text\/csv\b/i.test(contentType);
  if (!isJson && !isCsv) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > (spec.maxBodyBytes ?? MAX_BODY_BYTES)) throw new DomainError('PAYLOAD_TOO_LARGE');
  if (isCsv) return spec.csv!(text, event.queryStringParameters ?? {});
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('INVALID_JSON');
  }
}

function readIdempotencyKey(event: APIGatewayProxyEventV2): string {
  const key = header(event, 'idempotency-key')?.trim();
  if (!key) throw new DomainError('IDEMPOTENCY_KEY_REQUIRED');
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(key)) {
    throw new DomainError('INVALID_REQUEST', `${ERROR_MESSAGES.INVALID_REQUEST}（Idempotency-Key 应为 8 到 64 位字母、数字）`, [
      { path: 'Idempotency-Key', message: '格式不正确' },
    ]);
  }
  return key;
}

function readFaceCheckId(event: APIGatewayProxyEventV2): string | undefined {
  const id = header(event, 'face-check-id')?.trim();
  if (!id) return undefined;
  if (!/^F[0-9A-Za-z]{10,31}$/.test(id)) {
    throw new DomainError('INVALID_REQUEST', `${ERROR_MESSAGES.INVALID_REQUEST}（Face-Check-Id 格式不正确，请重新刷脸）`, [
      { path: 'Face-Check-Id', message: '格式不正确' },
    ]);
  }
  return id;
}

async function authenticate(spec: RouteSpec, event: APIGatewayProxyEventV2, now: Date) {
  if (spec.auth === 'public') return { session: undefined, accountNo: undefined };
  const authorization = header(event, 'authorization');
  if (spec.auth === 'public-or-verifier' && !authorization) return { session: undefined, accountNo: undefined };
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  if (!match) throw new DomainError('UNAUTHENTICATED');
  let session = await verifySession(match[1], config().sessions, now);
  if (spec.auth === 'staff' && session.role !== 'staff') throw new DomainError('FORBIDDEN');
  if (session.role === 'staff') {
    // the staff record, not the token, says who may still act and with which roles: a clerk
    // disabled (or moved off a role) is refused at once, not when the token runs out. Imported
    // here, not at the top, so public functions (health, keys) never load the AWS SDK at init.
    const { getStaffUser, staffLabel } = await import('../adapters/staff-repository');
    const user = await getStaffUser(config().tableName, session.subject);
    if (!user || user.disabled) throw new DomainError('STAFF_DISABLED');
    session = { ...session, roles: user.roles, reader: { label: staffLabel(user) } };
  }
  if (session.role === 'agency') {
    // an agency reads certificates and does nothing else
    if (spec.auth !== 'public-or-verifier') throw new DomainError('FORBIDDEN');
    const { getAgencyUser, agencyLabel } = await import('../adapters/agency-repository');
    const agency = await getAgencyUser(config().tableName, session.subject);
    if (!agency || agency.disabled) throw new DomainError('AGENCY_DISABLED');
    session = { ...session, reader: { label: agencyLabel(agency), certificateTypes: agency.certificateTypes } };
  }
  if (spec.auth === 'staff' && spec.roles && !spec.roles.some((role) => session.roles?.includes(role))) throw new DomainError('FORBIDDEN');
  if (spec.auth === 'member' || spec.auth === 'session') {
    if (session.role !== 'member') throw new DomainError('FORBIDDEN');
  }
  if (spec.auth === 'member' && !session.accountNo) throw new DomainError('NOT_BOUND');
  const bindingCheck = session.role === 'member' && session.accountNo ? bindingStands(session) : undefined;
  // awaited by the caller; until then a refusal must not count as unhandled
  bindingCheck?.catch(() => undefined);
  return { session, accountNo: spec.auth === 'member' ? session.accountNo : undefined, bindingCheck };
}

/**
 * A bound member's session stands only while the binding it was signed for does: 解除绑定 (or a
 * new binding) ends every earlier session of that WeChat user at once, not when the token runs out.
 */
async function bindingStands(session: Session): Promise<Binding> {
  const { getBinding } = await import('../adapters/bindings-repository');
  const binding = await getBinding(config().tableName, session.subject);
  if (!binding || binding.accountNo !== session.accountNo || binding.boundAt !== session.boundAt) throw new DomainError('SESSION_ENDED');
  return binding;
}

const NOT_BOUND = () => Promise.reject(new DomainError('NOT_BOUND'));

/** Wraps a route handler into a Lambda handler for an HTTP API (payload format 2.0). */
export function httpRoute<R extends RouteSpec>(spec: R, handle: RouteHandler<R>) {
  const respond = async (event: APIGatewayProxyEventV2, requestId: string, context?: Context): Promise<APIGatewayProxyResultV2> => {
    const started = process.hrtime.bigint();
    const now = new Date();
    let status = 500;
    let code: string | undefined;
    try {
      await secretsReady();
      const { session, accountNo, bindingCheck } = await authenticate(spec, event, now);
      // a change waits for the check; a read runs beside it and answers only if the session stands
      if (bindingCheck && spec.method !== 'GET') await bindingCheck;
      const params = spec.params ? parseWith(spec.params, event.pathParameters ?? {}) : undefined;
      const body = spec.body ? parseWith(spec.body, readBody(spec, event)) : undefined;
      const query = spec.query ? parseWith(spec.query, event.queryStringParameters ?? {}) : undefined;
      const remainingMs = () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY;
      const idempotencyKey = spec.idempotencyKey ? readIdempotencyKey(event) : undefined;
      const faceCheckId = spec.faceCheck ? readFaceCheckId(event) : undefined;
      const binding = bindingCheck ? () => bindingCheck : NOT_BOUND;
      const result = await handle({ body, query, params, session, accountNo, requestId, now, remainingMs, idempotencyKey, faceCheckId, event, binding } as RouteContext<R>).catch(
        async (error: unknown) => {
          await bindingCheck; // an ended session is told so, not what the read found
          throw error;
        },
      );
      await bindingCheck;
      status = 200;
      return json(200, result, requestId, spec.auth === 'public' ? spec.cacheSeconds : undefined);
    } catch (error) {
      if (isDomainError(error)) {
        status = ERROR_STATUS[error.code];
        code = error.code;
        return json(status, errorBody(error, requestId), requestId);
      }
      code = 'INTERNAL';
      log('error', 'unhandled error', {
        requestId,
        route: `${spec.method} ${spec.path}`,
        errorName: (error as Error)?.name,
        errorMessage: (error as Error)?.message,
        stack: (error as Error)?.stack,
      });
      return json(500, errorBody(new DomainError('INTERNAL'), requestId), requestId);
    } finally {
      log(status >= 500 ? 'error' : 'info', 'request', {
        requestId,
        route: `${spec.method} ${spec.path}`,
        status,
        ...(code ? { code } : {}),
        latencyMs: Number(process.hrtime.bigint() - started) / 1e6,
      });
    }
  };
  return (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResultV2> => {
    // API Gateway's id, the one the member's error message and x-request-id show, on every line
    const requestId = event.requestContext?.requestId ?? context?.awsRequestId ?? 'local';
    return inInvocation(context, requestId, () => respond(event, requestId, context));
  };
}
