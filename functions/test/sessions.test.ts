/**
 * Sessions are EdDSA: only a sign-in function's configuration can make one, every function's can
 * check one, and a key rotation keeps the previous key's tokens valid until they run out.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { parseConfig, parseSignInConfig, signInConfig } from '../src/platform/config';
import { issueSession, verifySession, type Session } from '../src/platform/session';

const MEMBER: Session = { subject: 'wx-rotation', role: 'member', accountNo: '310100200001' };

function keyPair(kid = randomBytes(2).toString('hex')) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    kid,
    signing: JSON.stringify({ kid, privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }),
    publicEntry: { kid, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() },
  };
}

/** The environment a function of the given kind gets (serverless.yml): the private key only for sign-in. */
function environment(publicKeys: { kid: string; publicKeyPem: string }[], signing?: string): NodeJS.ProcessEnv {
  const { SESSION_SIGNING_KEY: _none, ...rest } = process.env;
  return { ...rest, SESSION_PUBLIC_KEYS: JSON.stringify(publicKeys), ...(signing ? { SESSION_SIGNING_KEY: signing } : {}) };
}

const code = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: { code?: string }) => error.code ?? String(error));

describe('who can make a session', () => {
  it('gives a function configured without the signing key no way to mint one: only public keys, and no signer', async () => {
    const current = keyPair();
    const env = environment([current.publicEntry]);
    const plain = parseConfig(env);
    expect(() => parseSignInConfig(env)).toThrow('Invalid configuration: SESSION_SIGNING_KEY is not set for this function');
    expect(Object.keys(plain)).not.toContain('sessionSigner');
    for (const key of plain.sessions.keys.values()) {
      expect(key.type).toBe('public');
      await expect(new SignJWT({ role: 'staff' }).setProtectedHeader({ alg: 'EdDSA', kid: current.kid }).sign(key)).rejects.toThrow();
    }
    // the sign-in function's token is what the plain function accepts
    const { token } = await issueSession(MEMBER, parseSignInConfig(environment([current.publicEntry], current.signing)).sessionSigner, new Date());
    await expect(verifySession(token, plain.sessions, new Date())).resolves.toEqual(MEMBER);
  });

  it('stops a cold start whose keys cannot work, naming the variable and never the key', () => {
    const current = keyPair();
    const stranger = keyPair(current.kid);
    expect(() => parseConfig(environment([]))).toThrow('Invalid configuration: SESSION_PUBLIC_KEYS: needs at least one key');
    expect(() => parseConfig({ ...environment([current.publicEntry]), SESSION_PUBLIC_KEYS: '[{' })).toThrow('Invalid configuration: SESSION_PUBLIC_KEYS is not JSON');
    expect(() => parseConfig(environment([current.publicEntry, current.publicEntry]))).toThrow(`kid ${current.kid} appears twice`);
    // a private key pasted among the public ones would reach every function: refused
    const privatePem = JSON.parse(current.signing).privateKeyPem as string;
    expect(() => parseConfig(environment([{ kid: current.kid, publicKeyPem: privatePem }]))).toThrow(`SESSION_PUBLIC_KEYS: key ${current.kid} is not a public key`);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => parseConfig(environment([{ kid: 'aa', publicKeyPem: rsa }]))).toThrow('SESSION_PUBLIC_KEYS: key aa is not an Ed25519 key');
    // a signing key whose tokens no function would accept (same kid, another key; or a kid not listed)
    expect(() => parseSignInConfig(environment([current.publicEntry], stranger.signing))).toThrow(`SESSION_SIGNING_KEY: key ${current.kid} is not among SESSION_PUBLIC_KEYS`);
    expect(() => parseSignInConfig(environment([current.publicEntry], keyPair().signing))).toThrow(/SESSION_SIGNING_KEY: key [0-9a-f]+ is not among SESSION_PUBLIC_KEYS/);
    let message = '';
    try {
      parseSignInConfig(environment([current.publicEntry], stranger.signing));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('PRIVATE');
  });
});

describe('what a session check accepts', () => {
  it('refuses an HS256 token, a token another key signed, and an unknown kid; accepts only EdDSA by a listed key', async () => {
    const { sessionSigner, sessions } = signInConfig();
    const good = await issueSession(MEMBER, sessionSigner, new Date());
    await expect(verifySession(good.token, sessions, new Date())).resolves.toEqual(MEMBER);
    const claims = () => new SignJWT({ role: 'member', acct: MEMBER.accountNo }).setSubject(MEMBER.subject).setIssuer('hpf-member-service').setAudience('hpf-miniapp').setExpirationTime('1h');
    const hs256 = await claims().setProtectedHeader({ alg: 'HS256', kid: sessionSigner.kid }).sign(randomBytes(32));
    const otherKey = await claims().setProtectedHeader({ alg: 'EdDSA', kid: sessionSigner.kid }).sign(generateKeyPairSync('ed25519').privateKey);
    const unknownKid = await claims().setProtectedHeader({ alg: 'EdDSA', kid: '0f0f0f' }).sign(sessionSigner.privateKey);
    for (const token of [hs256, otherKey, unknownKid]) expect(await code(verifySession(token, sessions, new Date()))).toBe('UNAUTHENTICATED');
  });

  it('still refuses a remembered token once it has run out', async () => {
    const { sessionSigner, sessions } = signInConfig();
    const issued = new Date();
    const { token } = await issueSession(MEMBER, sessionSigner, issued);
    await expect(verifySession(token, sessions, issued)).resolves.toEqual(MEMBER);
    await expect(verifySession(token, sessions, issued)).resolves.toEqual(MEMBER);
    expect(await code(verifySession(token, sessions, new Date(issued.getTime() + (sessionSigner.ttlSeconds + 1) * 1000)))).toBe('SESSION_EXPIRED');
  });
});

describe('key rotation (docs/sessions.md)', () => {
  it('keeps tokens of the previous key valid while it is listed, signs new ones with the new key, and refuses the old once it is dropped', async () => {
    const previous = keyPair();
    const next = keyPair();
    const now = new Date();
    // before: one key
    const before = parseSignInConfig(environment([previous.publicEntry], previous.signing));
    const oldToken = (await issueSession(MEMBER, before.sessionSigner, now)).token;

    // step 1, every function learns the new public key; step 2, the sign-in functions sign with it
    const during = parseConfig(environment([next.publicEntry, previous.publicEntry]));
    const signInDuring = parseSignInConfig(environment([next.publicEntry, previous.publicEntry], next.signing));
    const newToken = (await issueSession(MEMBER, signInDuring.sessionSigner, now)).token;
    expect(JSON.parse(Buffer.from(newToken.split('.')[0], 'base64url').toString()).kid).toBe(next.kid);
    await expect(verifySession(oldToken, during.sessions, now)).resolves.toEqual(MEMBER);
    await expect(verifySession(newToken, during.sessions, now)).resolves.toEqual(MEMBER);

    // step 3, once the session lifetime has passed, the previous key is dropped
    const after = parseConfig(environment([next.publicEntry]));
    expect(await code(verifySession(oldToken, after.sessions, now))).toBe('UNAUTHENTICATED');
    await expect(verifySession(newToken, after.sessions, now)).resolves.toEqual(MEMBER);
  });
});
