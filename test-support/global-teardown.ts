export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__HPF_TEST_STACK__ as
    | { dynamodb: { stop(): Promise<void> }; wechat: { stop(): Promise<void> } }
    | undefined;
  await Promise.all([stack?.dynamodb.stop(), stack?.wechat.stop()]);
}
