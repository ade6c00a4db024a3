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
  policy: Policy;
}

function mergePolicy(overrideJson: string | undefined): Policy {
  if (!overrideJson) return DEFAULT_POLICY;
  const override = JSON.parse(overrideJson) as Partial<Policy>;
  return Policy.parse({
    deposit: { ...DEFAULT_POLICY.deposit, ...override.deposit },
    bind: { ...DEFAULT_POLICY.bind, ...override.bind },
    staffLogin: { ...DEFAULT_POLICY.staffLogin, ...override.staffLogin },
    interest: { ...DEFAULT_POLICY.interest, ...override.interest },
  });
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = Environment.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = result.data;
  return {
    tableName: e.TABLE_NAME,
    sessionSecret: e.SESSION_SECRET,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    idHashKey: e.ID_HASH_KEY,
    wechat: { apiBase: e.WECHAT_API_BASE.replace(/\/$/, ''), appId: e.WECHAT_APPID, secret: e.WECHAT_SECRET, timeoutMs: e.WECHAT_TIMEOUT_MS },
    postingConcurrency: e.POSTING_CONCURRENCY,
    policy: mergePolicy(e.POLICY_JSON),
  };
}

let cached: Config | undefined;

/** The container's configuration; parsed on first use, which is the cold start. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
