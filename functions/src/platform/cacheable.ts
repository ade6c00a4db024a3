import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';

type Handler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyResultV2>;

/**
 * Lets the phone (and any cache in between) keep a public route's successful answer for a while.
 * The HTTP edge says `no-store` on every answer, right for anything personal; errors keep it.
 */
export function cacheable(maxAgeSeconds: number, handler: Handler): Handler {
  return async (event, context) => {
    const result = await handler(event, context);
    if (typeof result === 'object' && result.statusCode === 200) {
      return { ...result, headers: { ...result.headers, 'cache-control': `public, max-age=${maxAgeSeconds}` } };
    }
    return result;
  };
}
