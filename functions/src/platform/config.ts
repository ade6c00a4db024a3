/**
 * Configuration from the environment, parsed once per container. A missing or malformed value
 * stops the cold start with a message that names the variable (never its value).
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import * as z from 'zod/mini';
import { DEFAULT_POLICY, Policy } from '@hpf/shared';
import { beforeEachInvocation } from './log';
import { RunTimeSecrets, SECRET_VARIABLES, secretReference, secretsManagerSource } from './secrets';
import { sessionVerifier, type SessionSigner, type SessionVerifier } from './session';

const Environment = z.object({
  TABLE_NAME: z.string().check(z.minLength(3)),
  /**
   * The public keys sessions verify against, JSON: [{ "kid": "5e1a", "publicKeyPem": "-----BEGIN
   * PUBLIC KEY-----…" }, …]: the current key and, during a rotation, the previous one.
   */
  SESSION_PUBLIC_KEYS: z.string().check(z.minLength(2)),
  /**
   * Sign-in functions only (serverless.yml): { "kid": "5e1a", "privateKeyPem": "…" }, whose public
   * half must be one of SESSION_PUBLIC_KEYS. Read by signInConfig() alone.
   */
  SESSION_SIGNING_KEY: z.optional(z.string().check(z.minLength(2))),
  SESSION_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(60), z.maximum(86_400)), 7200),
  /** Secrets are given only to the functions that use them (serverless.yml); checked when given. */
  ID_HASH_KEY: z.optional(z.string().check(z.minLength(32, { error: 'must be at least 32 characters' }))),
  WECHAT_API_BASE: z.url(),
  WECHAT_APPID: z.string().check(z.minLength(1)),
  WECHAT_SECRET: z.optional(z.string().check(z.minLength(1))),
  WECHAT_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.minimum(100)), 5000),
  /** How many postings (deposit lines, interest) one invocation runs at once. */
  POSTING_CONCURRENCY: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(256)), 16),
  /**
   * Certificate signing keys, JSON: [{ "kid": "a1b2", "privateKeyPem": "-----BEGIN PRIVATE KEY-----…" },
   * { "kid": "0c0d", "publicKeyPem": "…" }]. The first key with a private key signs; every key
   * verifies, so codes signed before a rotation stay verifiable until they expire.
   */
  CERT_SIGNING_KEYS: z.optional(z.string().check(z.minLength(2))),
  /** [{ kid, publicKeyPem }, …]: what codes verify against (verify, /v1/keys); no secret. */
  CERT_PUBLIC_KEYS: z.optional(z.string().check(z.minLength(2))),
  BANK_API_BASE: z.optional(z.url()),
  REGISTRY_API_BASE: z.optional(z.url()),
  /** 人社 data sharing (retirement records): only the retirement job is given it. */
  SOCIAL_INSURANCE_API_BASE: z.optional(z.url()),
  /** The 公积金到账提醒 subscribe-message template. */
  WECHAT_TEMPLATE_ARRIVAL: z._default(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)), 'hpf-arrival-template'),
  /** developer / trial / formal: which mini program version a reminder opens. */
  MINIPROGRAM_STATE: z._default(z.enum(['developer', 'trial', 'formal']), 'formal'),
  EXTERNAL_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.minimum(100)), 5000),
  /** Where the QR sends a phone camera: the public verify page, ending in "/V/". */
  VERIFY_BASE_URL: z.url(),
  /** JSON overriding parts of the default policy, for a city whose numbers differ. */
  POLICY_JSON: z.optional(z.string()),
});

export interface Config {
  tableName: string;
  /** Public keys only: any function can check a session, none but the sign-in ones can make one. */
  sessions: SessionVerifier;
  /**
   * Secrets only some functions are given (serverless.yml, checked by the packaging test): reading
   * one in a function not given it stops with a message naming the variable, never a wrong hash
   * or a WeChat call with an empty secret.
   */
  readonly idHashKey: string;
  wechat: { apiBase: string; appId: string; readonly secret: string; timeoutMs: number };
  postingConcurrency: number;
  reminders: { arrivalTemplateId: string; miniprogramState: 'developer' | 'trial' | 'formal' };
  /**
   * The private keys that sign codes: only the function that shows a code holds them
   * (serverless.yml); its cold start refuses a signing key whose public half is not published.
   */
  certificateKeys: () => CertificateKeyConfig[];
  /** The published public keys, by kid: verifying a code and /v1/keys need nothing more. */
  certificatePublicKeys: () => ReadonlyMap<string, KeyObject>;
  verifyBaseUrl: string;
  /** Only the withdrawal functions are given these addresses. */
  bank: () => { apiBase: string; timeoutMs: number };
  registry: () => { apiBase: string; timeoutMs: number };
  socialInsurance: () => { apiBase: string; timeoutMs: number };
  policy: Policy;
}

export interface CertificateKeyConfig {
  kid: string;
  privateKeyPem?: string;
  publicKeyPem?: string;
}

const CertificateKeys = z.array(
  z.object({
    kid: z.string().check(z.regex(/^[0-9a-f]{2,16}$/)),
    privateKeyPem: z.optional(z.string()),
    publicKeyPem: z.optional(z.string()),
  }),
).check(
  z.minLength(1),
  z.refine((keys) => keys.some((key) => key.privateKeyPem), { error: 'needs at least one key with a private key' }),
);

function parseCertificateKeys(json: string): CertificateKeyConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('Invalid configuration: CERT_SIGNING_KEYS is not JSON');
  }
  const result = CertificateKeys.safeParse(parsed);
  if (!result.success) throw new Error(`Invalid configuration: CERT_SIGNING_KEYS: ${result.error.issues[0]?.message}`);
  return result.data;
}

const KeyId = z.string().check(z.regex(/^[0-9a-f]{2,16}$/, { error: 'kid must be 2 to 16 lower-case hex digits' }));
const SessionPublicKeys = z.array(z.object({ kid: KeyId, publicKeyPem: z.string() })).check(z.minLength(1, { error: 'needs at least one key' }));
const SessionSigningKey = z.object({ kid: KeyId, privateKeyPem: z.string() });

function parseJson(json: string, name: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw new Error(`Invalid configuration: ${name} is not JSON`);
  }
}

function ed25519(make: () => KeyObject, name: string, kid: string): KeyObject {
  let key: KeyObject;
  try {
    key = make();
  } catch {
    throw new Error(`Invalid configuration: ${name}: key ${kid} is not a PEM key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`Invalid configuration: ${name}: key ${kid} is not an Ed25519 key`);
  return key;
}

/** SESSION_PUBLIC_KEYS as a verifier (also for the dev stack's stand-ins, which verify like a function). */
export function sessionVerifierOf(json: string): SessionVerifier {
  return sessionVerifier(parseSessionPublicKeys(json));
}

/** A list of Ed25519 public keys by kid (SESSION_PUBLIC_KEYS, CERT_PUBLIC_KEYS). */
function parsePublicKeys(json: string, name: string): Map<string, KeyObject> {
  const result = SessionPublicKeys.safeParse(parseJson(json, name));
  if (!result.success) throw new Error(`Invalid configuration: ${name}: ${result.error.issues[0]?.message}`);
  const keys = new Map<string, KeyObject>();
  for (const { kid, publicKeyPem } of result.data) {
    if (keys.has(kid)) throw new Error(`Invalid configuration: ${name}: kid ${kid} appears twice`);
    // createPublicKey would take a private key too and derive its public half: refused, so a
    // private key pasted here never reaches the functions that only verify
    if (!publicKeyPem.trimStart().startsWith('-----BEGIN PUBLIC KEY-----')) throw new Error(`Invalid configuration: ${name}: key ${kid} is not a public key`);
    keys.set(kid, ed25519(() => createPublicKey(publicKeyPem), name, kid));
  }
  return keys;
}

const parseSessionPublicKeys = (json: string) => parsePublicKeys(json, 'SESSION_PUBLIC_KEYS');

/** CERT_SIGNING_KEYS, each private key checked against CERT_PUBLIC_KEYS: a code no verifier could check is never shown. */
function parseSigningCertificateKeys(json: string, published: ReadonlyMap<string, KeyObject>): CertificateKeyConfig[] {
  const keys = parseCertificateKeys(json);
  for (const { kid, privateKeyPem } of keys) {
    if (!privateKeyPem) continue;
    const publicHalf = createPublicKey(ed25519(() => createPrivateKey(privateKeyPem), 'CERT_SIGNING_KEYS', kid));
    if (!published.get(kid)?.equals(publicHalf)) throw new Error(`Invalid configuration: CERT_SIGNING_KEYS: key ${kid} is not among CERT_PUBLIC_KEYS`);
  }
  return keys;
}

function parseSessionSigner(json: string | undefined, verifier: SessionVerifier, ttlSeconds: number): SessionSigner {
  if (!json) throw new Error('Invalid configuration: SESSION_SIGNING_KEY is not set for this function (only the sign-in functions sign sessions)');
  const result = SessionSigningKey.safeParse(parseJson(json, 'SESSION_SIGNING_KEY'));
  if (!result.success) throw new Error(`Invalid configuration: SESSION_SIGNING_KEY: ${result.error.issues[0]?.message}`);
  const { kid, privateKeyPem } = result.data;
  const privateKey = ed25519(() => createPrivateKey(privateKeyPem), 'SESSION_SIGNING_KEY', kid);
  // a token the other functions could not verify would sign the member in to nothing
  const published = verifier.keys.get(kid);
  if (!published || !published.equals(createPublicKey(privateKey))) {
    throw new Error(`Invalid configuration: SESSION_SIGNING_KEY: key ${kid} is not among SESSION_PUBLIC_KEYS`);
  }
  return { kid, privateKey, ttlSeconds };
}

/** Sections an override replaces whole: a notice comes with its own version, never merged paragraph by paragraph. */
const REPLACED_WHOLE: ReadonlySet<string> = new Set(['privacy']);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Each section of the default policy with the override's keys over it. Every section is merged,
 * so a section added to the policy later is merged too (listing them by hand once dropped a new
 * one and failed every configuration that set POLICY_JSON).
 */
function mergedSections(override: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(DEFAULT_POLICY).map(([section, defaults]) => {
      const given = override[section];
      if (given === undefined) return [section, defaults];
      return [section, !REPLACED_WHOLE.has(section) && isPlainObject(defaults) && isPlainObject(given) ? { ...defaults, ...given } : given];
    }),
  );
}

function mergePolicy(overrideJson: string | undefined): Policy {
  if (!overrideJson) return DEFAULT_POLICY;
  let override: unknown;
  try {
    override = JSON.parse(overrideJson);
  } catch {
    throw new Error('Invalid configuration: POLICY_JSON is not JSON');
  }
  if (!isPlainObject(override)) throw new Error('Invalid configuration: POLICY_JSON must be a JSON object');
  const result = Policy.safeParse(mergedSections(override));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`Invalid configuration: POLICY_JSON: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return result.data;
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`Invalid configuration: ${name} is not set for this function`);
  return value;
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  for (const name of SECRET_VARIABLES) {
    // a reference read as the value would hash with, or sign with, the secret's name
    if (secretReference(env[name])) throw new Error(`Invalid configuration: ${name} names a secret that was not read (secretsReady() comes first)`);
  }
  const result = Environment.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = result.data;
  let certificateKeys: CertificateKeyConfig[] | undefined;
  let certificatePublicKeys: ReadonlyMap<string, KeyObject> | undefined;
  const publishedCertificateKeys = () => {
    certificatePublicKeys ??= parsePublicKeys(required(e.CERT_PUBLIC_KEYS, 'CERT_PUBLIC_KEYS'), 'CERT_PUBLIC_KEYS');
    return certificatePublicKeys;
  };
  return {
    tableName: e.TABLE_NAME,
    sessions: sessionVerifierOf(e.SESSION_PUBLIC_KEYS),
    get idHashKey() {
      return required(e.ID_HASH_KEY, 'ID_HASH_KEY');
    },
    wechat: {
      apiBase: e.WECHAT_API_BASE.replace(/\/$/, ''),
      appId: e.WECHAT_APPID,
      get secret() {
        return required(e.WECHAT_SECRET, 'WECHAT_SECRET');
      },
      timeoutMs: e.WECHAT_TIMEOUT_MS,
    },
    postingConcurrency: e.POSTING_CONCURRENCY,
    reminders: { arrivalTemplateId: e.WECHAT_TEMPLATE_ARRIVAL, miniprogramState: e.MINIPROGRAM_STATE },
    certificateKeys: () => {
      if (!e.CERT_SIGNING_KEYS) throw new Error('Invalid configuration: CERT_SIGNING_KEYS is not set for this function');
      certificateKeys ??= parseSigningCertificateKeys(e.CERT_SIGNING_KEYS, publishedCertificateKeys());
      return certificateKeys;
    },
    certificatePublicKeys: publishedCertificateKeys,
    verifyBaseUrl: e.VERIFY_BASE_URL,
    bank: () => ({ apiBase: required(e.BANK_API_BASE, 'BANK_API_BASE').replace(/\/$/, ''), timeoutMs: e.EXTERNAL_TIMEOUT_MS }),
    registry: () => ({ apiBase: required(e.REGISTRY_API_BASE, 'REGISTRY_API_BASE').replace(/\/$/, ''), timeoutMs: e.EXTERNAL_TIMEOUT_MS }),
    socialInsurance: () => ({
      apiBase: required(e.SOCIAL_INSURANCE_API_BASE, 'SOCIAL_INSURANCE_API_BASE').replace(/\/$/, ''),
      timeoutMs: e.EXTERNAL_TIMEOUT_MS,
    }),
    policy: mergePolicy(e.POLICY_JSON),
  };
}

/** A sign-in function's configuration: the only kind that holds a session signer. */
export interface SignInConfig extends Config {
  sessionSigner: SessionSigner;
}

/** Refuses (names the variable) when this function was not given the session signing key. */
export function parseSignInConfig(env: NodeJS.ProcessEnv, base: Config = parseConfig(env)): SignInConfig {
  const ttl = Environment.shape.SESSION_TTL_SECONDS.parse(env.SESSION_TTL_SECONDS);
  const sessionSigner = parseSessionSigner(env.SESSION_SIGNING_KEY, base.sessions, ttl);
  // copied by descriptor, not spread: a spread would read the secret getters of a function not given them
  return Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(base), sessionSigner: { value: sessionSigner, enumerable: true } }) as SignInConfig;
}

let cached: Config | undefined;
let cachedSignIn: SignInConfig | undefined;

const runTimeSecrets = new RunTimeSecrets(process.env, () => secretsManagerSource());

/**
 * This function's secrets fetched (at the cold start) or refreshed (once the cache is old), before
 * any configuration is read: the HTTP edge awaits it on each request, stream and scheduled
 * handlers before each invocation. A changed value (a rotation) is parsed afresh.
 */
export async function secretsReady(): Promise<void> {
  if (await runTimeSecrets.ready()) {
    cached = undefined;
    cachedSignIn = undefined;
  }
}
beforeEachInvocation(secretsReady);

/** The environment with the fetched secrets in their variables' place. */
const environment = (): NodeJS.ProcessEnv => ({ ...process.env, ...runTimeSecrets.values() });

/** The container's configuration; parsed on first use, which is the cold start. */
export function config(): Config {
  cached ??= parseConfig(environment());
  return cached;
}

/** The configuration of wechatLogin, bind, staffLogin and agencyLogin, the functions that sign sessions. */
export function signInConfig(): SignInConfig {
  cachedSignIn ??= parseSignInConfig(environment(), config());
  return cachedSignIn;
}
