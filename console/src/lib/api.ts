/**
 * The console's API client, driven by the shared route catalogue itself: method, path and auth come
 * from `routes`, so there is no second endpoint table to keep in step.
 */
import { routes, type BodyOf, type ParamsOf, type QueryOf, type ResponseOf, type RouteName } from '@hpf/shared';
import { currentSession, signOut } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Input<N extends RouteName> = {
  params?: ParamsOf<N>;
  query?: QueryOf<N>;
  body?: BodyOf<N>;
  headers?: Record<string, string>;
};

const NETWORK_MESSAGE = '连接服务失败，请检查网络后重试。';

export async function call<N extends RouteName>(name: N, input: Input<N> = {}): Promise<ResponseOf<N>> {
  const route = routes[name];
  const params = (input.params ?? {}) as Record<string, unknown>;
  let url = route.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(params[key] ?? '')));
  const query = Object.entries((input.query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== undefined && value !== '');
  if (query.length > 0) url += `?${new URLSearchParams(query.map(([key, value]) => [key, String(value)]))}`;
  const headers: Record<string, string> = { accept: 'application/json', ...input.headers };
  const session = route.auth === 'public' ? undefined : currentSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (input.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(url, { method: route.method, headers, ...(input.body !== undefined ? { body: JSON.stringify(input.body) } : {}) });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', '服务暂时不可用，请稍后再试。');
  }
  if (!response.ok) {
    const code = String(json?.error?.code ?? 'INTERNAL');
    if (session && (code === 'SESSION_EXPIRED' || code === 'UNAUTHENTICATED')) signOut('expired');
    throw new ApiError(response.status, code, String(json?.error?.message ?? '服务暂时不可用，请稍后再试。'));
  }
  return json as ResponseOf<N>;
}

export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : '出了点问题，请稍后再试。';
}
