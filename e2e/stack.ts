/** The whole local stack for one browser test file, on the test run's DynamoDB Local. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { H5_DIST, startStack, type Stack } from '../scripts/dev-stack';
import { bundlesOfThisRun } from '../test-support/run-bundles';

/** `faceChecks`: the stack asks for 人脸核验 before sensitive acts, as deployed stages do (policy `face`). */
export function useStack(options: { faceChecks?: boolean } = {}): { current: Stack } {
  const holder = {} as { current: Stack };
  beforeAll(async () => {
    if (!existsSync(path.join(H5_DIST, 'index.html'))) {
      throw new Error('miniapp/dist/h5 is missing: run npm run build:h5 (npm test builds it when needed).');
    }
    const prebuiltBundles = await bundlesOfThisRun();
    holder.current = await startStack({
      prebuiltBundles,
      dynamodbEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
      tableName: process.env.TABLE_NAME as string,
      sessionKeys: { signingKey: process.env.SESSION_SIGNING_KEY as string, publicKeys: process.env.SESSION_PUBLIC_KEYS as string },
      idHashKey: process.env.ID_HASH_KEY as string,
      certSigningKeys: process.env.CERT_SIGNING_KEYS as string,
      ...(process.env.HPF_LOG_FILE ? { logFile: process.env.HPF_LOG_FILE } : {}),
      ...(options.faceChecks ? { faceChecks: true } : {}),
    });
  }, 180_000);
  afterAll(async () => {
    await holder.current?.stop();
  }, 30_000);
  return holder;
}

/** A JSON POST straight to the stack's API (staff actions a test sets up). */
export async function postJson(stack: { current: Stack }, route: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.current.apiUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}
