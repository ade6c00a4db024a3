/**
 * The log lines handlers write (Powertools' Logger with our redacting formatter): each carries its
 * level, whether it is the container's cold start, the request id (API Gateway's for an HTTP
 * request, Lambda's for a stream or schedule) and the X-Ray trace id when Lambda gives one; lines
 * of invocations running side by side never swap ids; ID numbers, phones, cards and tokens are
 * masked wherever they sit in the line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import { routes } from '@hpf/shared';
import { apiEvent } from '../../test-support/http';

type Line = Record<string, any>;
const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'hpf-structured-logs-')), 'lines.log');
const saved = { file: process.env.HPF_LOG_FILE, init: process.env.AWS_LAMBDA_INITIALIZATION_TYPE, trace: process.env._X_AMZN_TRACE_ID };
let platform: { log: typeof import('../src/platform/log'); http: typeof import('../src/platform/http') };
let health: typeof import('../src/health/handler');
let payoutWorker: typeof import('../src/withdrawals/payout-worker');

function lambdaContext(awsRequestId: string): Context {
  return {
    awsRequestId,
    functionName: 'hpf-member-service-dev-health',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:000000000000:function:hpf-member-service-dev-health',
    memoryLimitInMB: '512',
    logGroupName: '/aws/lambda/hpf-member-service-dev-health',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The lines written since the last call. */
let read = 0;
function newLines(): Line[] {
  const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  const fresh = lines.slice(read).map((line) => JSON.parse(line) as Line);
  read = lines.length;
  return fresh;
}

beforeAll(async () => {
  writeFileSync(logFile, '');
  process.env.HPF_LOG_FILE = logFile;
  // as Lambda sets it for an on-demand container (Powertools: provisioned concurrency is never a cold start)
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  delete process.env._X_AMZN_TRACE_ID;
  // a container of its own: the modules load fresh, as at a cold start
  await jest.isolateModulesAsync(async () => {
    platform = { log: await import('../src/platform/log'), http: await import('../src/platform/http') };
    health = await import('../src/health/handler');
    payoutWorker = await import('../src/withdrawals/payout-worker');
  });
});

afterAll(() => {
  rmSync(path.dirname(logFile), { recursive: true, force: true });
  for (const [name, value] of [['HPF_LOG_FILE', saved.file], ['AWS_LAMBDA_INITIALIZATION_TYPE', saved.init], ['_X_AMZN_TRACE_ID', saved.trace]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('a handler’s log lines', () => {
  it('carry level, cold start, API Gateway’s request id, Lambda’s own and the function; the cold start only once', async () => {
    const first = apiEvent({ path: '/v1/health' });
    expect((await health.handler(first, lambdaContext('lambda-req-1')) as { statusCode: number }).statusCode).toBe(200);
    const second = apiEvent({ path: '/v1/health' });
    await health.handler(second, lambdaContext('lambda-req-2'));

    const [one, two] = newLines();
    expect(one).toMatchObject({
      level: 'INFO',
      message: 'request',
      coldStart: true,
      requestId: first.requestContext.requestId,
      lambdaRequestId: 'lambda-req-1',
      functionName: 'hpf-member-service-dev-health',
      service: 'hpf-member-service',
      status: 200,
    });
    expect(new Date(one.timestamp).toISOString()).toBe(one.timestamp);
    expect(one).not.toHaveProperty('xrayTraceId');
    expect(two).toMatchObject({ level: 'INFO', coldStart: false, requestId: second.requestContext.requestId, lambdaRequestId: 'lambda-req-2' });
  });

  it('carry the X-Ray trace id Lambda gives the invocation', async () => {
    process.env._X_AMZN_TRACE_ID = 'Root=1-6755a3f2-2c1f3e5d7a9b0c4e6f8a1b2c;Parent=53995c3f42cd8ad8;Sampled=1';
    try {
      await health.handler(apiEvent({ path: '/v1/health' }), lambdaContext('lambda-req-3'));
    } finally {
      delete process.env._X_AMZN_TRACE_ID;
    }
    const [line] = newLines();
    expect(line.xrayTraceId).toBe('1-6755a3f2-2c1f3e5d7a9b0c4e6f8a1b2c');
  });

  it('of a stream worker carry Lambda’s request id, and a metric line its level and its service (the metric’s dimension)', async () => {
    const poison = { eventID: '1', eventName: 'INSERT' as const, dynamodb: { SequenceNumber: '7', Keys: { pk: { S: 'ACCT#310100209999' }, sk: { S: 'WD#garbage' } }, NewImage: { pk: { S: 'ACCT#310100209999' }, sk: { S: 'WD#garbage' }, status: { S: 'APPROVED' }, amountFen: { S: 'lots' } } } };
    await payoutWorker.handler({ Records: [poison] } as never, lambdaContext('stream-req-1'));
    const [line] = newLines();
    expect(line).toMatchObject({ level: 'ERROR', message: 'metric PayoutPoisonRecords', requestId: 'stream-req-1', coldStart: false, service: 'payouts', PayoutPoisonRecords: 1 });
    expect(line).not.toHaveProperty('lambdaRequestId');
    expect(line._aws.CloudWatchMetrics[0]).toEqual({ Namespace: 'HPF', Dimensions: [['service']], Metrics: [{ Name: 'PayoutPoisonRecords', Unit: 'Count' }] });
  });

  it('never carry another invocation’s ids when invocations overlap (npm start, the tests)', async () => {
    const slow = platform.http.httpRoute(routes.health, async ({ requestId }) => {
      await new Promise((resolve) => setTimeout(resolve, requestId.endsWith('a') ? 60 : 5));
      platform.log.log('info', 'inside', { said: requestId });
      return { status: 'ok' as const, time: new Date().toISOString() };
    });
    const events = ['overlap-a', 'overlap-b'].map((id) => {
      const event = apiEvent({ path: '/v1/health' });
      event.requestContext.requestId = id;
      return event;
    });
    await Promise.all(events.map((event, i) => slow(event, lambdaContext(`lambda-overlap-${i}`))));
    const inside = newLines().filter((line) => line.message === 'inside');
    expect(inside).toHaveLength(2);
    for (const line of inside) expect(line.requestId).toBe(line.said);
  });

  it('mask ID numbers, phones, cards and tokens wherever they are: message, fields, nested, numbers, keys, errors', () => {
    const error = new Error('bind failed for 310104199605120035');
    platform.log.log('warn', 'member 310104199605120035 phone 13800138001', {
      card: '6222021001123450012',
      phone: 13800138001,
      nested: { list: ['Bearer abc.def.ghi', 'eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl'] },
      '13800138001': 'as a key',
      error,
    });
    const [line] = newLines();
    const text = JSON.stringify(line);
    expect(line.level).toBe('WARN');
    expect(line.message).toBe('member 3101**********0035 phone 138****8001');
    expect(line.card).toBe('****0012');
    expect(line.phone).toBe('138****8001');
    expect(line.nested.list).toEqual(['Bearer [redacted]', '[token]']);
    expect(line['138****8001']).toBe('as a key');
    expect(line.error).toMatchObject({ name: 'Error', message: 'bind failed for 3101**********0035' });
    for (const secret of ['310104199605120035', '13800138001', '6222021001123450012', 'abc.def.ghi', 'eyJhbGciOi']) expect(text).not.toContain(secret);
  });
});
