/**
 * Certificate verification (扫码即办) through the verify handler — one signature check, then one
 * conditional write on the certificate item that counts the allowance, records the check and
 * returns the certificate — against a bare GetItem of the same certificate; and
 * the QR code version of a real payload at error-correction level M.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import { intFromEnv, sideBySide, summarise, type Section } from './harness';

/** Live certificates checked in turn: enough that none meets its per-minute allowance in the run. */
const CERTIFICATES = 400;

export const certificateVerify: Section = {
  id: 'certificate-verify',
  title: 'certificate verify latency and QR size',
  async run(ctx) {
    const warmup = intFromEnv('BENCH_WARMUP', 200);
    const samples = intFromEnv('BENCH_SAMPLES', 2000);
    // the issue passes its face check first, as on the phone (it is not what is measured)
    const { faceChecked } = await import('../../test-support/face');
    const issue = faceChecked((await import('../../functions/src/certificates/issue')).handler, 'ISSUE_CERTIFICATE');
    const { handler: code } = await import('../../functions/src/certificates/code');
    const { handler: verify } = await import('../../functions/src/certificates/verify');
    const { keys } = await import('../../functions/src/platform/keys');
    const { apiEvent } = await import('../../test-support/http');
    const { signIn } = await import('../../test-support/session');
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient, GetCommand, PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const QRCode = (await import('qrcode')).default;

    const { token } = await signIn('demo-renter');
    const call = async (handler: typeof issue, event: ReturnType<typeof apiEvent>) => {
      const reply = (await handler(event)) as APIGatewayProxyStructuredResultV2;
      if (reply.statusCode !== 200) throw new Error(`answered ${reply.statusCode}: ${String(reply.body)}`);
      return JSON.parse(String(reply.body));
    };
    const certificate = await call(
      issue,
      apiEvent({ token, body: { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' }, headers: { 'idempotency-key': 'bench-certificate' } }),
    );

    const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 4 }));
    const tableName = ctx.handlerEnv.TABLE_NAME;
    // Each certificate may be checked a few times a minute (policy verify.certificateMaxPerWindow),
    // as at counters: the bench checks many live certificates in turn, copies of the issued one.
    const { Item: issued } = await raw.send(new GetCommand({ TableName: tableName, Key: keys.certificate(certificate.certificateId) }));
    const { newCertificateId } = await import('../../functions/src/certificates/token');
    const copies = [certificate.certificateId as string];
    for (let i = 1; i < CERTIFICATES; i += 1) {
      const certificateId = newCertificateId();
      await raw.send(new PutCommand({ TableName: tableName, Item: { ...issued, ...keys.certificate(certificateId), certificateId } }));
      copies.push(certificateId);
    }
    const refreshCodes = async () =>
      Promise.all(
        copies.map(async (certificateId) => (await call(code, apiEvent({ token, method: 'POST', params: { certificateId } }))).payload as string),
      );
    let payloads = await refreshCodes();
    const payload = payloads[0];
    const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });

    let lastRefresh = Date.now();
    let checks = 0;
    const viaHandler = async () => {
      if (Date.now() - lastRefresh > 60_000) {
        payloads = await refreshCodes(); // a code lives two minutes, like on the phone
        lastRefresh = Date.now();
      }
      checks += 1;
      // counter devices, each its own address
      const event = apiEvent({
        body: { payload: payloads[checks % payloads.length] },
        sourceIp: `10.${(checks >> 16) & 255}.${(checks >> 8) & 255}.${checks & 255}`,
      });
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
        // one round trip: the write that counts, records and returns the certificate
        { figure: 'verify / GetItem (p50)', value: handlerStats.p50 / rawStats.p50, unit: 'x', target: { max: 2 } },
        { figure: `QR version (level M, ${payload.length} chars)`, value: qr.version, unit: 'count', target: { max: 8 } },
      ];
    } finally {
      raw.destroy();
    }
  },
};
