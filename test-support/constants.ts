/** Test-only configuration values: not secrets, never used outside the test run. */
export const TEST_WECHAT = { appId: 'wx-test-app', secret: 'test-wechat-secret' };
export const TEST_ID_HASH_KEY = 'test-id-hash-key-0123456789abcdef';
