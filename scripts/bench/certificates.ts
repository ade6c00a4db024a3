/**
 * Certificate verification (扫码即办) through the verify handler — one signature check, one
 * GetItem, one verification-record write — against a bare GetItem of the same certificate; and
 * the QR code version of a real payload at error-correction level M.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import { intFromEnv, sideBySide, summarise, type Section } from './harness';

export const certificateVerify: Section = {
  id: 'certificate-verify',
  title: 'certificate verify latency and QR size',
  async run(ctx) {
    const warmup = intFromEnv('BENCH_WARMUP', 200);
    const samples = intFromEnv('BENCH_SAMPLES', 2000);
    const { handler: issue } = await import('../../functions/src/certificates/issue');
    const { handler: code } = await import('../../functions/src/certificates/code');
    const { handler: verify } = await import('../../functions/src/certificates/verify');
    const { keys } = await import('../../functions/src/platform/keys');
    const { apiEvent } = await import('../../test-support/http');
    const { signIn } = await import('../../test-support/session');
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient, GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const QRCode = (await import('qrcode')).default;

    const { token } = await signIn('demo-renter');
    const call = async (handler: typeof issue, event: ReturnType<typeof apiEvent>) => {
      const reply = (await handler(event)) as APIGatewayProxyStructuredResultV2;
      if (reply.statusCode !== 200) throw new Error(`answered ${reply.statusCode}: ${String(reply.body)}`);
      return JSON.parse(String(reply.body));
    };
    const certificate = await call(issue, apiEvent({ token, body: { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' } }));
    const refreshCode = async () =>
      (await call(code, apiEvent({ token, method: 'POST', params: { certificateId: certificate.certificateId } }))).payload as string;
    let payload = await refreshCode();
    const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });

    const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 4 }));
    const tableName = ctx.handlerEnv.TABLE_NAME;
    let lastRefresh = Date.now();
    let checks = 0;
    const viaHandler = async () => {
      if (Date.now() - lastRefresh > 60_000) {
        payload = await refreshCode(); // a code lives two minutes, like on the phone
        lastRefresh = Date.now();
      }
      // counter devices, each its own address: one address would meet the per-minute allowance
      checks += 1;
      const event = apiEvent({ body: { payload }, sourceIp: `10.${(checks >> 16) & 255}.${(checks >> 8) & 255}.${checks & 255}` });
      const started = performance.now();
      const reply = (await verify(event)) as APIGatewayProxyStructuredResultV2;
      const elapsed = performance.now() - started;
      if (!String(reply.body).includes('"result":"valid"')) throw new Error(`verify answered ${String(reply.body)}`);
      return elapsed;
    };
    const viaGetItem = async () => {
      const started = performance.now();
      const { Item } = await raw.send(new GetCommand({ TableName: tableName, Key: keys.certificate(certificate.certificateId) }));
      const elapsed = performance.now() - started;
      if (!Item) throw new Error('certificate not found');
      return elapsed;
    };
    try {
      const { a, b } = await sideBySide(viaHandler, viaGetItem, { warmup, samples });
      const handlerStats = summarise(a);
      const rawStats = summarise(b);
      ctx.details[this.id] = { payloadLength: payload.length, qrVersion: qr.version, handler: handlerStats, getItem: rawStats };
      return [
        { figure: 'verify handler p50', value: handlerStats.p50, unit: 'ms' },
        { figure: 'verify handler p99', value: handlerStats.p99, unit: 'ms' },
        { figure: 'certificate GetItem p50', value: rawStats.p50, unit: 'ms' },
        // the handler also writes the verification record (查验记录): read + write ≈ 2 calls
        { figure: 'verify / GetItem (p50)', value: handlerStats.p50 / rawStats.p50, unit: 'x' },
        { figure: `QR version (level M, ${payload.length} chars)`, value: qr.version, unit: 'count', target: { max: 8 } },
      ];
    } finally {
      raw.destroy();
    }
  },
};
