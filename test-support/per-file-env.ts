/**
 * Runs before each test file's modules load: its own table name (so files never share data on
 * the one DynamoDB Local) and the configuration the handlers parse at cold start.
 */
import { randomBytes } from 'node:crypto';
import { TEST_ID_HASH_KEY, TEST_WECHAT } from './constants';
import { devCertificateKeyEnv, devSessionKeys } from '../functions/src/dev/dev-keys';

const sessionKeys = devSessionKeys();

if (!process.env.AWS_ENDPOINT_URL_DYNAMODB) {
  // Integration tests refuse to run against anything but a local endpoint.
  throw new Error('AWS_ENDPOINT_URL_DYNAMODB is not set: run the tests through jest (npm test), which starts DynamoDB Local.');
}

Object.assign(process.env, {
  TABLE_NAME: `test-${randomBytes(6).toString('hex')}`,
  // the test process stands in for every function, the sign-in ones included
  SESSION_SIGNING_KEY: sessionKeys.signingKey,
  SESSION_PUBLIC_KEYS: sessionKeys.publicKeys,
  ID_HASH_KEY: TEST_ID_HASH_KEY,
  WECHAT_APPID: TEST_WECHAT.appId,
  WECHAT_SECRET: TEST_WECHAT.secret,
  ...devCertificateKeyEnv(),
  VERIFY_BASE_URL: 'https://gjj.example.gov.cn/V/',
  // the tests' few members do months of sensitive acts in seconds, each after a face check; the
  // daily allowance of checks started is tested at its default in face-checks.test.ts
  POLICY_JSON: JSON.stringify({ face: { maxStarts: 100_000 } }),
});
