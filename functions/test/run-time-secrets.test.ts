/**
 * Secrets fetched at run time (issue 15): a function whose secret variables hold references
 * (`secretsmanager:<id>`, as deployed) reads the values from Secrets Manager — its simulator here,
 * through the real AWS SDK client — at its cold start, keeps them for the cache time, picks up a
 * rotated value without a restart, keeps what it holds through an outage, and never mistakes a
 * reference for the value.
 */
import { handler as wechatLogin } from '../src/auth/wechat-login';
import { parseConfig } from '../src/platform/config';
import { RunTimeSecrets, secretsManagerSource } from '../src/platform/secrets';
import { startSecretsManagerSimulator, type SecretsManagerSimulator } from '../src/dev/secrets-manager-simulator';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { TEST_WECHAT } from '../../test-support/constants';
import { invoke } from '../../test-support/http';
import { useTestTable } from '../../test-support/table';

useTestTable({ seed: true });

const WECHAT_ID = 'hpf/test/wechat-secret';
const SIGNING_ID = 'hpf/test/session-signing-key';
let secrets: SecretsManagerSimulator;
const given = { WECHAT_SECRET: process.env.WECHAT_SECRET!, SESSION_SIGNING_KEY: process.env.SESSION_SIGNING_KEY! };

beforeAll(async () => {
  secrets = await startSecretsManagerSimulator({ secrets: { [WECHAT_ID]: TEST_WECHAT.secret, [SIGNING_ID]: given.SESSION_SIGNING_KEY } });
  // as serverless.yml configures a deployed function: references, not values
  Object.assign(process.env, {
    WECHAT_SECRET: `secretsmanager:${WECHAT_ID}`,
    SESSION_SIGNING_KEY: `secretsmanager:${SIGNING_ID}`,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.baseUrl,
  });
});
afterAll(async () => {
  Object.assign(process.env, given);
  delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
  delete process.env.SECRETS_CACHE_SECONDS;
  await secrets.stop();
});

const signIn = () => invoke(wechatLogin, { body: { code: 'sim:demo-renter' } });

describe('secrets read at run time', () => {
  it('signs in with the WeChat secret and the signing key fetched at the cold start, then serves them from its cache', async () => {
    const first = await signIn();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ bound: true, token: expect.any(String) });
    const second = await signIn();
    expect(second.status).toBe(200);
    expect(Object.fromEntries(secrets.reads)).toEqual({ [WECHAT_ID]: 1, [SIGNING_ID]: 1 });
  });

  it('picks up a rotated secret once its cache is old, without a restart, and keeps what it holds through an outage', async () => {
    process.env.SECRETS_CACHE_SECONDS = '0';
    secrets.put(WECHAT_ID, 'a-secret-wechat-does-not-know');
    const rotatedWrong = await signIn();
    // the running container now uses the new value: WeChat refuses it
    expect(rotatedWrong.status).not.toBe(200);
    secrets.put(WECHAT_ID, TEST_WECHAT.secret);
    expect((await signIn()).status).toBe(200);

    secrets.setMode('down');
    const duringOutage = await signIn();
    expect(duringOutage.status).toBe(200);
    secrets.setMode('up');
  });
});

describe('the secret cache', () => {
  const client = () => new SecretsManagerClient({ endpoint: secrets.baseUrl });

  it('refetches only what is older than the cache time and says when a value changed', async () => {
    let now = 1_000_000;
    const env = { ID_HASH_KEY: 'secretsmanager:hpf/test/id-hash-key', SECRETS_CACHE_SECONDS: '300' };
    secrets.put('hpf/test/id-hash-key', 'k'.repeat(40));
    const held = new RunTimeSecrets(env, () => secretsManagerSource(client()), () => now);
    await expect(held.ready()).resolves.toBe(false);
    expect(held.values()).toEqual({ ID_HASH_KEY: 'k'.repeat(40) });
    const readsAfterFirst = secrets.reads.get('hpf/test/id-hash-key');

    now += 299_000;
    secrets.put('hpf/test/id-hash-key', 'n'.repeat(40));
    await expect(held.ready()).resolves.toBe(false);
    expect(secrets.reads.get('hpf/test/id-hash-key')).toBe(readsAfterFirst);
    expect(held.values().ID_HASH_KEY).toBe('k'.repeat(40));

    now += 1_000;
    await expect(held.ready()).resolves.toBe(true);
    expect(held.values().ID_HASH_KEY).toBe('n'.repeat(40));
  });

  it('stops the cold start naming the variable when the first read fails', async () => {
    const held = new RunTimeSecrets({ ID_HASH_KEY: 'secretsmanager:hpf/test/no-such-secret' }, () => secretsManagerSource(client()));
    await expect(held.ready()).rejects.toThrow(/^Invalid configuration: ID_HASH_KEY: its secret could not be read \(ResourceNotFoundException\)$/);
  });

  it('asks for nothing when the variables hold values (the local stage)', async () => {
    const held = new RunTimeSecrets({ ID_HASH_KEY: 'v'.repeat(40) }, () => {
      throw new Error('no source should be needed');
    });
    await expect(held.ready()).resolves.toBe(false);
    expect(held.values()).toEqual({});
  });

  it('never reads a reference as the secret itself', () => {
    const env = { ...process.env, ...given, ID_HASH_KEY: 'secretsmanager:hpf/test/id-hash-key-that-is-long-enough' };
    expect(() => parseConfig(env)).toThrow('Invalid configuration: ID_HASH_KEY names a secret that was not read');
  });
});
