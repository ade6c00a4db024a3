/**
 * Once per jest run: one DynamoDB Local (in memory, free port) and one WeChat simulator.
 * Test files make their own tables on it; workers inherit the endpoints through the environment.
 */
import { localAwsEnvironment, startDynamoDbLocal } from '../functions/src/dev/dynamodb-local';
import { startWechatSimulator } from '../functions/src/dev/wechat-simulator';
import { TEST_WECHAT } from './constants';
import { runBundlesFolder } from './run-bundles';
import { REPO_ROOT } from '../functions/src/dev/table-definition';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export default async function globalSetup(): Promise<void> {
  // Every log line the handlers write during the run lands here (and is scanned for PII later).
  const logDir = path.join(REPO_ROOT, '.test-output');
  mkdirSync(logDir, { recursive: true });
  process.env.HPF_LOG_FILE ??= path.join(logDir, `handlers-${Date.now()}.log`);
  // built by the first browser test file that starts a stack (test-support/run-bundles.ts)
  process.env.HPF_RUN_BUNDLES = runBundlesFolder();
  const [dynamodb, wechat] = await Promise.all([
    startDynamoDbLocal(),
    // shared by every file; tests that count consents start their own (quota tracked)
    startWechatSimulator({ appId: TEST_WECHAT.appId, secret: TEST_WECHAT.secret, quota: 'unchecked' }),
  ]);
  Object.assign(process.env, localAwsEnvironment(dynamodb.endpoint), { WECHAT_API_BASE: wechat.baseUrl });
  (globalThis as Record<string, unknown>).__HPF_TEST_STACK__ = { dynamodb, wechat };
}
