/**
 * The benchmark's own local stack: DynamoDB Local (in memory, free port) with the table from
 * serverless.yml and the demo data, plus the WeChat and property-registry simulators. Its modules are imported only
 * after the caller has set the environment (they pull in the AWS SDK).
 */
import { randomBytes } from 'node:crypto';
import { devCertificateKeyEnv, devSessionKeys } from '../../functions/src/dev/dev-keys';

export const BENCH_TABLE = 'hpf-bench';
export const BENCH_WECHAT = { appId: 'wx-bench-app', secret: 'bench-wechat-secret' };

export interface BenchStack {
  endpoint: string;
  wechatBaseUrl: string;
  /** Environment for the handlers: AWS endpoint/region/credentials and the config they parse. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Handler configuration that needs no running stack (used for the module-init measurement too). */
export function handlerConfigEnv(wechatBaseUrl = 'http://127.0.0.1:9'): Record<string, string> {
  const sessionKeys = devSessionKeys();
  return {
    TABLE_NAME: BENCH_TABLE,
    SESSION_SIGNING_KEY: sessionKeys.signingKey,
    SESSION_PUBLIC_KEYS: sessionKeys.publicKeys,
    ID_HASH_KEY: randomBytes(32).toString('hex'),
    WECHAT_API_BASE: wechatBaseUrl,
    WECHAT_APPID: BENCH_WECHAT.appId,
    WECHAT_SECRET: BENCH_WECHAT.secret,
    ...devCertificateKeyEnv(),
    VERIFY_BASE_URL: 'https://gjj.example.gov.cn/V/',
  };
}

export async function startBenchStack(): Promise<BenchStack> {
  const { localAwsEnvironment, startDynamoDbLocal } = await import('../../functions/src/dev/dynamodb-local');
  const { startWechatSimulator } = await import('../../functions/src/dev/wechat-simulator');
  const { startRegistrySimulator } = await import('../../functions/src/dev/registry-simulator');
  const { ensureTable } = await import('../../functions/src/dev/table-definition');
  const { seedDemoData } = await import('../../functions/src/dev/seed');
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');

  const [dynamodb, wechat, registry] = await Promise.allSettled([
    startDynamoDbLocal(),
    startWechatSimulator({ appId: BENCH_WECHAT.appId, secret: BENCH_WECHAT.secret, quota: 'unchecked' }),
    // the rent submit asks the property registry (nobody in the bench owns a home)
    startRegistrySimulator(),
  ]);
  const stopAll = async () => {
    await Promise.allSettled([
      dynamodb.status === 'fulfilled' ? dynamodb.value.stop() : undefined,
      wechat.status === 'fulfilled' ? wechat.value.stop() : undefined,
      registry.status === 'fulfilled' ? registry.value.stop() : undefined,
    ]);
  };
  if (dynamodb.status === 'rejected' || wechat.status === 'rejected' || registry.status === 'rejected') {
    await stopAll();
    throw ([dynamodb, wechat, registry].find((started) => started.status === 'rejected') as PromiseRejectedResult).reason;
  }

  const env: Record<string, string> = {
    ...localAwsEnvironment(dynamodb.value.endpoint),
    ...handlerConfigEnv(wechat.value.baseUrl),
    REGISTRY_API_BASE: registry.value.baseUrl,
  };
  try {
    const client = new DynamoDBClient({
      endpoint: dynamodb.value.endpoint,
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    });
    try {
      await ensureTable(client, BENCH_TABLE);
      await seedDemoData(client, BENCH_TABLE, env.ID_HASH_KEY);
    } finally {
      client.destroy();
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { endpoint: dynamodb.value.endpoint, wechatBaseUrl: wechat.value.baseUrl, env, stop: stopAll };
}
