/** Invokes Lambda handlers in-process with API Gateway HTTP API (payload 2.0) events. */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

export interface Call {
  method?: string;
  path?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  token?: string;
  /** Path parameters, e.g. { accountNo } for /v1/staff/accounts/{accountNo}. */
  params?: Record<string, string>;
  /** The caller's address as API Gateway reports it (default 127.0.0.1). */
  sourceIp?: string;
}

export interface Reply<T = any> {
  status: number;
  headers: Record<string, string>;
  body: T;
  text: string;
}

export function apiEvent(call: Call): APIGatewayProxyEventV2 {
  const method = call.method ?? (call.body !== undefined || call.rawBody !== undefined ? 'POST' : 'GET');
  const path = call.path ?? '/';
  const headers: Record<string, string> = {
    ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
    ...call.headers,
  };
  const rawQueryString = new URLSearchParams(call.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString,
    headers,
    ...(call.query ? { queryStringParameters: call.query } : {}),
    ...(call.params ? { pathParameters: call.params } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: call.sourceIp ?? '127.0.0.1', userAgent: 'jest' },
      requestId: randomUUID(),
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: call.rawBody ?? (call.body !== undefined ? JSON.stringify(call.body) : undefined),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

export async function invoke<T = any>(handler: Handler, call: Call = {}): Promise<Reply<T>> {
  const result = (await handler(apiEvent(call))) as APIGatewayProxyStructuredResultV2;
  const text = String(result.body ?? '');
  return {
    status: result.statusCode ?? 200,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: text ? JSON.parse(text) : undefined,
    text,
  };
}
