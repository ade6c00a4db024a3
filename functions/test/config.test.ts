/** The cold start refuses configuration it cannot use, naming the variable and never its value. */
import { DEFAULT_POLICY } from '@hpf/shared';
import { parseConfig, parseSignInConfig } from '../src/platform/config';
import { devSessionKeys } from '../src/dev/dev-keys';

const base = {
  TABLE_NAME: 'hpf-test',
  SESSION_PUBLIC_KEYS: devSessionKeys().publicKeys,
  ID_HASH_KEY: 'y'.repeat(32),
  WECHAT_API_BASE: 'http://127.0.0.1:1',
  WECHAT_APPID: 'wx-test',
  WECHAT_SECRET: 'secret',
  VERIFY_BASE_URL: 'https://gjj.example.gov.cn/V/',
};

describe('POLICY_JSON', () => {
  it('stops the cold start with a message naming POLICY_JSON when it is not JSON', () => {
    expect(() => parseConfig({ ...base, POLICY_JSON: '{"face": {' })).toThrow('Invalid configuration: POLICY_JSON is not JSON');
    expect(() => parseConfig({ ...base, POLICY_JSON: '[1]' })).toThrow('POLICY_JSON must be a JSON object');
  });

  it('names the policy field that does not fit', () => {
    expect(() => parseConfig({ ...base, POLICY_JSON: JSON.stringify({ face: { validSeconds: 'five minutes' } }) })).toThrow(/^Invalid configuration: POLICY_JSON: face\.validSeconds: /);
    expect(() => parseConfig({ ...base, POLICY_JSON: JSON.stringify({ face: { requiredFor: ['NOT_AN_ACT'] } }) })).toThrow(/POLICY_JSON: face\.requiredFor\.0/);
  });

  it('overrides only what it names: a city listing fewer acts for the face check keeps the rest of the face policy', () => {
    const { policy } = parseConfig({ ...base, POLICY_JSON: JSON.stringify({ face: { requiredFor: ['BIND'] } }) });
    expect(policy.face).toMatchObject({ requiredFor: ['BIND'], validSeconds: 300 });
  });

  it('keeps every section of the default policy when an override names one (a new section is merged too)', () => {
    const { policy } = parseConfig({ ...base, POLICY_JSON: JSON.stringify({ face: { requiredFor: [] } }) });
    expect(Object.keys(policy).sort()).toEqual(Object.keys(DEFAULT_POLICY).sort());
    expect({ ...policy, face: DEFAULT_POLICY.face }).toEqual(DEFAULT_POLICY);
  });

  it('离退休提取 (issue 16): the loan rule and 免申即享 after N days are policy data, checked at cold start', () => {
    expect(parseConfig(base).policy.retirement).toEqual({ outstandingLoan: 'REPAY_FIRST', autoPayAfterDays: null });
    const { policy } = parseConfig({ ...base, POLICY_JSON: JSON.stringify({ retirement: { autoPayAfterDays: 15 } }) });
    expect(policy.retirement).toEqual({ outstandingLoan: 'REPAY_FIRST', autoPayAfterDays: 15 });
    expect(() => parseConfig({ ...base, POLICY_JSON: JSON.stringify({ retirement: { outstandingLoan: 'SOMETIMES' } }) })).toThrow(/POLICY_JSON: retirement\.outstandingLoan/);
    expect(() => parseConfig({ ...base, POLICY_JSON: JSON.stringify({ retirement: { autoPayAfterDays: 0 } }) })).toThrow(/POLICY_JSON: retirement\.autoPayAfterDays/);
  });
});

describe('secrets given per function', () => {
  const { ID_HASH_KEY: _hash, WECHAT_SECRET: _secret, ...withoutSecrets } = base;

  it('starts a function given none of them, and stops at the first read of one with the variable named', () => {
    const plain = parseConfig(withoutSecrets);
    expect(plain.tableName).toBe('hpf-test');
    expect(() => plain.idHashKey).toThrow('Invalid configuration: ID_HASH_KEY is not set for this function');
    expect(() => plain.wechat.secret).toThrow('Invalid configuration: WECHAT_SECRET is not set for this function');
    expect(plain.wechat.appId).toBe('wx-test');
  });

  it('checks a secret a function is given at cold start', () => {
    expect(() => parseConfig({ ...base, ID_HASH_KEY: 'short' })).toThrow(/ID_HASH_KEY: must be at least 32 characters/);
    expect(parseConfig(base).idHashKey).toBe('y'.repeat(32));
  });

  it('gives a sign-in function without the ID-hash key (staff login) its signer without reading the key', () => {
    const keys = devSessionKeys();
    const signIn = parseSignInConfig({ ...withoutSecrets, SESSION_PUBLIC_KEYS: keys.publicKeys, SESSION_SIGNING_KEY: keys.signingKey });
    expect(signIn.sessionSigner.kid).toMatch(/^[0-9a-f]{4}$/);
    expect(() => signIn.idHashKey).toThrow('ID_HASH_KEY is not set for this function');
  });
});
