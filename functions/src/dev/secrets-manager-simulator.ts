/**
 * A local stand-in for AWS Secrets Manager's GetSecretValue, speaking its wire protocol (AWS JSON
 * 1.1: POST / with `X-Amz-Target: secretsmanager.GetSecretValue` and {SecretId}), so the AWS SDK
 * client the functions use talks to it unchanged (its endpoint from AWS_ENDPOINT_URL_SECRETS_MANAGER
 * or the client's `endpoint`). Requests are not checked for a signature. Tests put and rotate
 * secrets, count the reads, and take the service `down`.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { listen, readJson } from './http-simulator';

export interface SecretsManagerSimulator {
  baseUrl: string;
  /** Puts a secret's current value (a new version, as a rotation does). */
  put(secretId: string, value: string): void;
  /** GetSecretValue calls answered with a value, per secret id. */
  reads: Map<string, number>;
  setMode(mode: 'up' | 'down'): void;
  stop(): Promise<void>;
}

function sendAwsJson(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(body));
}

export function startSecretsManagerSimulator(options: { port?: number; secrets?: Record<string, string> } = {}): Promise<SecretsManagerSimulator> {
  const secrets = new Map<string, { value: string; versionId: string; createdAt: number }>();
  const reads = new Map<string, number>();
  let mode: 'up' | 'down' = 'up';
  const put = (secretId: string, value: string) => secrets.set(secretId, { value, versionId: randomUUID(), createdAt: Date.now() / 1000 });
  for (const [secretId, value] of Object.entries(options.secrets ?? {})) put(secretId, value);

  const server = createServer(async (req, res) => {
    if (mode === 'down') return sendAwsJson(res, 503, { __type: 'ServiceUnavailableException', message: 'simulated outage' });
    const target = req.headers['x-amz-target'];
    if (req.method !== 'POST' || target !== 'secretsmanager.GetSecretValue') {
      return sendAwsJson(res, 400, { __type: 'UnknownOperationException', message: `not simulated: ${String(target)}` });
    }
    const body = await readJson(req);
    const secretId = typeof body?.SecretId === 'string' ? body.SecretId : '';
    const secret = secrets.get(secretId);
    if (!secret) return sendAwsJson(res, 400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
    reads.set(secretId, (reads.get(secretId) ?? 0) + 1);
    return sendAwsJson(res, 200, {
      ARN: `arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:${secretId}-AbCdEf`,
      Name: secretId,
      SecretString: secret.value,
      VersionId: secret.versionId,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: secret.createdAt,
    });
  });
  return listen(server, options.port).then(({ baseUrl, close }) => ({
    baseUrl,
    put,
    reads,
    setMode: (next) => {
      mode = next;
    },
    stop: close,
  }));
}
