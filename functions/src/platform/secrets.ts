/**
 * Secrets read at run time, not baked into the function's configuration. A secret variable holds
 * either the value itself (the local stage, tests) or a reference, `secretsmanager:<secret id>`
 * (deployed stages, serverless.yml): the function fetches the value at its cold start and again
 * once what it holds is older than SECRETS_CACHE_SECONDS (default 300), so a rotated secret reaches
 * running containers within minutes, without a deploy, and the value is never part of the
 * deployed configuration nor visible in the Lambda console.
 *
 * A failed first fetch stops the cold start with the variable named; a failed refresh keeps the
 * value already held (the old key still works while a rotation runs) and tries again next time.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { log } from './log';

/** The variables that may hold a secret; serverless.yml gives each function only its own. */
export const SECRET_VARIABLES = ['SESSION_SIGNING_KEY', 'ID_HASH_KEY', 'WECHAT_SECRET', 'CERT_SIGNING_KEYS'] as const;
export type SecretVariable = (typeof SECRET_VARIABLES)[number];

const REFERENCE = /^secretsmanager:(.+)$/;
const DEFAULT_CACHE_SECONDS = 300;

/** Where secret values come from: Secrets Manager when deployed, its simulator in tests. */
export interface SecretSource {
  valueOf(secretId: string): Promise<string>;
}

export function secretReference(value: string | undefined): string | undefined {
  return value ? REFERENCE.exec(value)?.[1] : undefined;
}

/**
 * Secrets Manager through the AWS SDK (the endpoint from AWS_ENDPOINT_URL_SECRETS_MANAGER when set).
 * The client is loaded on the first read: functions that hold no reference never load it, which
 * keeps it out of their cold start.
 */
export function secretsManagerSource(given?: SecretsManagerClient): SecretSource {
  let client: Promise<{ client: SecretsManagerClient; sdk: typeof import('@aws-sdk/client-secrets-manager') }> | undefined;
  return {
    async valueOf(secretId) {
      client ??= import('@aws-sdk/client-secrets-manager').then((sdk) => ({ sdk, client: given ?? new sdk.SecretsManagerClient({}) }));
      const { sdk, client: ready } = await client;
      const { SecretString } = await ready.send(new sdk.GetSecretValueCommand({ SecretId: secretId }));
      if (!SecretString) throw new Error(`secret ${secretId} has no string value`);
      return SecretString;
    },
  };
}

interface Held {
  value: string;
  fetchedAt: number;
}

/**
 * The secrets of one container: `ready()` before the configuration is read, on every invocation
 * (cheap while the cache is fresh); `values()` the fetched ones by variable, laid over the
 * environment by config().
 */
export class RunTimeSecrets {
  private readonly held = new Map<SecretVariable, Held>();
  private pending: Promise<boolean> | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly source: () => SecretSource,
    private readonly now: () => number = Date.now,
  ) {}

  private get cacheMs(): number {
    const seconds = Number(this.env.SECRETS_CACHE_SECONDS ?? DEFAULT_CACHE_SECONDS);
    return (Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_CACHE_SECONDS) * 1000;
  }

  /** The variables of this function that name a secret to fetch. */
  private references(): [SecretVariable, string][] {
    return SECRET_VARIABLES.flatMap((name) => {
      const secretId = secretReference(this.env[name]);
      return secretId ? [[name, secretId] as [SecretVariable, string]] : [];
    });
  }

  /** Resolves to true when a value changed (the configuration parsed from the old one is stale). */
  ready(): Promise<boolean> {
    const stale = this.references().filter(([name]) => {
      const held = this.held.get(name);
      return !held || this.now() - held.fetchedAt >= this.cacheMs;
    });
    if (stale.length === 0) return Promise.resolve(false);
    // concurrent invocations of one container share one fetch
    this.pending ??= this.fetch(stale).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetch(stale: [SecretVariable, string][]): Promise<boolean> {
    const source = this.source();
    const results = await Promise.all(
      stale.map(async ([name, secretId]) => {
        const before = this.held.get(name);
        try {
          const value = await source.valueOf(secretId);
          this.held.set(name, { value, fetchedAt: this.now() });
          return before !== undefined && before.value !== value;
        } catch (error) {
          if (!before) throw new Error(`Invalid configuration: ${name}: its secret could not be read (${(error as Error).name})`);
          // keep serving what we hold; the next invocation tries again
          log('warn', 'secret refresh failed, keeping the value held', { variable: name, errorName: (error as Error).name });
          return false;
        }
      }),
    );
    return results.some(Boolean);
  }

  values(): Partial<Record<SecretVariable, string>> {
    return Object.fromEntries([...this.held].map(([name, { value }]) => [name, value]));
  }
}
