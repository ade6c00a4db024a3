/**
 * Configuration from the environment, parsed once per container. A missing or malformed value
 * stops the cold start with a message that names the variable (never its value).
 */
import * as z from 'zod/mini';
import { DEFAULT_POLICY, Policy } from '@hpf/shared';

const Environment = z.object({
  TABLE_NAME: z.string().check(z.minLength(3)),
  SESSION_SECRET: z.string().check(z.minLength(32, { error: 'must be at least 32 characters' })),
  SESSION_TTL_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(60), z.maximum(86_400)), 7200),
  ID_HASH_KEY: z.string().check(z.minLength(32, { error: 'must be at least 32 characters' })),
  WECHAT_API_BASE: z.url(),
  WECHAT_APPID: z.string().check(z.minLength(1)),
  WECHAT_SECRET: z.string().check(z.minLength(1)),
  WECHAT_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.minimum(100)), 5000),
  /** How many postings (deposit lines, interest) one invocation runs at once. */
  POSTING_CONCURRENCY: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(256)), 16),
  /**
   * Certificate signing keys, JSON: [{ "kid": "a1b2", "privateKeyPem": "-----BEGIN PRIVATE KEY-----…" },
   * { "kid": "0c0d", "publicKeyPem": "…" }]. The first key with a private key signs; every key
   * verifies, so codes signed before a rotation stay verifiable until they expire.
   */
  CERT_SIGNING_KEYS: z.optional(z.string().check(z.minLength(2))),
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
  sessionSecret: string;
  sessionTtlSeconds: number;
  idHashKey: string;
  wechat: { apiBase: string; appId: string; secret: string; timeoutMs: number };
  postingConcurrency: number;
  reminders: { arrivalTemplateId: string; miniprogramState: 'developer' | 'trial' | 'formal' };
  /** Only the certificate functions are given the keys (serverless.yml); others never see them. */
  certificateKeys: () => CertificateKeyConfig[];
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

function mergePolicy(overrideJson: string | undefined): Policy {
  if (!overrideJson) return DEFAULT_POLICY;
  let override: Partial<Policy>;
  try {
    override = JSON.parse(overrideJson) as Partial<Policy>;
  } catch {
    throw new Error('Invalid configuration: POLICY_JSON is not JSON');
  }
  if (typeof override !== 'object' || override === null || Array.isArray(override)) throw new Error('Invalid configuration: POLICY_JSON must be a JSON object');
  const result = Policy.safeParse({
    deposit: { ...DEFAULT_POLICY.deposit, ...override.deposit },
    bind: { ...DEFAULT_POLICY.bind, ...override.bind },
    staffLogin: { ...DEFAULT_POLICY.staffLogin, ...override.staffLogin },
    verify: { ...DEFAULT_POLICY.verify, ...override.verify },
    interest: { ...DEFAULT_POLICY.interest, ...override.interest },
    certificate: { ...DEFAULT_POLICY.certificate, ...override.certificate },
    rent: { ...DEFAULT_POLICY.rent, ...override.rent },
    reminders: { ...DEFAULT_POLICY.reminders, ...override.reminders },
    service: { ...DEFAULT_POLICY.service, ...override.service },
    payout: { ...DEFAULT_POLICY.payout, ...override.payout },
    face: { ...DEFAULT_POLICY.face, ...override.face },
    retirement: { ...DEFAULT_POLICY.retirement, ...override.retirement },
  });
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
  const result = Environment.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = result.data;
  let certificateKeys: CertificateKeyConfig[] | undefined;
  return {
    tableName: e.TABLE_NAME,
    sessionSecret: e.SESSION_SECRET,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    idHashKey: e.ID_HASH_KEY,
    wechat: { apiBase: e.WECHAT_API_BASE.replace(/\/$/, ''), appId: e.WECHAT_APPID, secret: e.WECHAT_SECRET, timeoutMs: e.WECHAT_TIMEOUT_MS },
    postingConcurrency: e.POSTING_CONCURRENCY,
    reminders: { arrivalTemplateId: e.WECHAT_TEMPLATE_ARRIVAL, miniprogramState: e.MINIPROGRAM_STATE },
    certificateKeys: () => {
      if (!e.CERT_SIGNING_KEYS) throw new Error('Invalid configuration: CERT_SIGNING_KEYS is not set for this function');
      certificateKeys ??= parseCertificateKeys(e.CERT_SIGNING_KEYS);
      return certificateKeys;
    },
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

let cached: Config | undefined;

/** The container's configuration; parsed on first use, which is the cold start. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
