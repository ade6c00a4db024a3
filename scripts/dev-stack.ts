/**
 * The local stack, as `npm start` runs it and as the end-to-end tests run it: DynamoDB Local,
 * the WeChat simulator, the API through serverless-offline (the real esbuild bundles), and the
 * H5 mini program and the staff console (under /console/) served with `/v1` proxied to the API on
 * the same origin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { freePort, localAwsEnvironment, startDynamoDbLocal, type DynamoDbLocal } from '../functions/src/dev/dynamodb-local';
import { ensureTable, REPO_ROOT } from '../functions/src/dev/table-definition';
import { seedDemoData } from '../functions/src/dev/seed';
import { moveUnshardedQueueEntries } from '../functions/src/adapters/withdrawals-repository';
import { indexAccountNames } from '../functions/src/adapters/account-admin-repository';
import { startWechatSimulator, type WechatSimulator } from '../functions/src/dev/wechat-simulator';
import { startBankSimulator, type BankSimulator } from '../functions/src/dev/bank-simulator';
import { startRegistrySimulator, type RegistrySimulator } from '../functions/src/dev/registry-simulator';
import { startSocialInsuranceSimulator, type SocialInsuranceSimulator } from '../functions/src/dev/social-insurance-simulator';
import { demoHomeOwners, demoMortgages, demoRetirementRecords } from '../functions/src/dev/demo-members';
import { FRESHNESS_KEY_PREFIXES, startStreamPoller } from '../functions/src/dev/stream-poller';
import { keys } from '../functions/src/platform/keys';
import { certificatePublicKeysOf, type DevSessionKeys } from '../functions/src/dev/dev-keys';
import type { DailyJobRunner, RetirementRunner } from '../functions/src/dev/daily-jobs';
import type { LoanRepaymentReport } from '../functions/src/loans/repayment-job';
import { compressedFile, preferredEncoding } from './static-compression';

export const H5_DIST = path.join(REPO_ROOT, 'miniapp/dist/h5');
export const CONSOLE_DIST = path.join(REPO_ROOT, 'console/dist');

export interface StackOptions {
  /** Reuse a running DynamoDB Local (tests); otherwise one is started. */
  dynamodbEndpoint?: string;
  dynamodbPort?: number;
  /** On-disk DynamoDB Local storage (npm start); in memory when absent. */
  dbPath?: string;
  tableName: string;
  /** The sign-in functions get the private key, every function the public keys (serverless.yml). */
  sessionKeys: DevSessionKeys;
  idHashKey: string;
  certSigningKeys: string;
  apiPort?: number;
  webPort?: number;
  wechatPort?: number;
  bankPort?: number;
  registryPort?: number;
  socialInsurancePort?: number;
  /** Where serverless-offline's output goes; quiet by default. */
  onApiOutput?: (text: string) => void;
  /**
   * A folder of bundles scripts/function-bundles.ts built (the browser tests build them once per
   * run): serverless-offline serves those instead of bundling every function again.
   */
  prebuiltBundles?: string;
  logFile?: string;
  /** The 到账提醒 template approved for 长期订阅 (government-service categories): one consent keeps working. */
  longTermReminders?: boolean;
  /**
   * 人脸核验 before sensitive acts (policy `face`). Off on the local stack by default while the
   * other browser tests (and the accessibility scenes' API set-up) do not pass the face step.
   */
  faceChecks?: boolean;
}

export interface Stack {
  apiUrl: string;
  webUrl: string;
  wechat: WechatSimulator;
  bank: BankSimulator;
  registry: RegistrySimulator;
  socialInsurance: SocialInsuranceSimulator;
  /** The daily 离退休提取 job, run at start and then daily (runNow for a test's "next day"). */
  retirement: RetirementRunner;
  /** The daily 约定提取还贷 job (runNow for a test's repayment day). */
  loanRepayments: DailyJobRunner<LoanRepaymentReport>;
  dynamodbEndpoint: string;
  tableName: string;
  seeded: boolean;
  stop(): Promise<void>;
}

const WECHAT = { appId: 'wx-local-demo', secret: 'local-wechat-secret' };
/** The API's default WECHAT_TEMPLATE_ARRIVAL, as the H5 build's TARO_APP_ARRIVAL_TEMPLATE default. */
const ARRIVAL_TEMPLATE = 'hpf-arrival-template';

async function seedIfEmpty(endpoint: string, tableName: string, idHashKey: string): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint });
  try {
    await ensureTable(client, tableName);
    const doc = DynamoDBDocumentClient.from(client);
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: keys.account('310100200001') }));
    if (Item) {
      // data kept from before the withdrawal queues were sharded: move its queue entries once
      await moveUnshardedQueueEntries(tableName);
      // and from before accounts could be found by name (账户查询)
      await indexAccountNames(tableName);
      return false;
    }
    await seedDemoData(client, tableName, idHashKey);
    return true;
  } finally {
    client.destroy();
  }
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the API did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function startApi(env: NodeJS.ProcessEnv, apiUrl: string, onOutput?: (text: string) => void) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/serverless/bin/serverless.js'), 'offline', 'start', '--stage', 'local'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-8000);
    onOutput?.(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { child, ready: waitForHttp(`${apiUrl}/v1/health`, child, 120_000, () => output) };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The H5 demo has no WeChat: where the mini program would show the subscribe dialog it answers
 * `accept` and reports that to the API. WeChat itself would have counted the consent; here the
 * report is told to the WeChat simulator on its way through, so the simulator's count and the
 * server's agree as they would on WeChat.
 */
export interface SubscribeDialogStandIn {
  wechatBaseUrl: string;
  /** SESSION_PUBLIC_KEYS: the stand-in reads the session like any function, with public keys only. */
  sessionPublicKeys: string;
}

function parsedReport(body: Buffer): { templateId: string; result: string }[] {
  try {
    const results = (JSON.parse(body.toString()) as { results?: unknown }).results;
    return Array.isArray(results) ? results : [];
  } catch {
    return [];
  }
}

async function tellSimulatorOfConsents(standIn: SubscribeDialogStandIn, authorization: string | undefined, body: Buffer): Promise<void> {
  const { verifySession } = await import('../functions/src/platform/session');
  const { sessionVerifierOf } = await import('../functions/src/platform/config');
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!token) return;
  const session = await verifySession(token, sessionVerifierOf(standIn.sessionPublicKeys), new Date()).catch(() => undefined);
  if (!session) return;
  for (const { templateId, result } of parsedReport(body)) {
    await fetch(`${standIn.wechatBaseUrl}/_control/subscribe`, {
      method: 'POST',
      body: JSON.stringify({ openid: session.subject, templateId, result }),
    });
  }
}

/**
 * A single-page build: the file asked for, or the build's index.html for the app's own routes;
 * compressed as a CDN would (brotli or gzip by what the browser accepts).
 */
function serveBuild(dist: string, pathname: string, req: IncomingMessage, res: ServerResponse, buildCommand: string): void {
  const relative = path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(dist, relative);
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(dist, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`build missing: run ${buildCommand}`);
    return;
  }
  // js/css names carry a content hash (Taro: .<8 hex>.js, Vite: -<8 chars>.js): the browser may
  // keep them (page loads then skip the download and reuse compiled code); index.html and the rest
  // are asked for again each time.
  const hashed = /[.-][0-9A-Za-z_-]{8}\.(js|css)$/.test(file) && !file.endsWith('index.html');
  const headers = {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
  };
  const encoding = preferredEncoding(req.headers['accept-encoding']);
  const body = compressedFile(file, encoding);
  if (body) {
    res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
    res.end(body);
    return;
  }
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}

/** Serves the H5 build and passes `/v1/*` to the API, so the app calls its own origin. */
export function startWeb(apiUrl: string, port: number, standIn?: SubscribeDialogStandIn): Promise<Server> {
  const api = new URL(apiUrl);
  // a fresh connection to the API per request: a kept-alive one the API closes as idle (after its
  // 5 s) while a request is being sent on it fails that request (seen as a 502 in the browser
  // tests), and idle ones would keep the API's graceful stop waiting out its timeout
  const toApi = new Agent({ keepAlive: false });
  /** Passes a request to the API; a body already read is sent as read. */
  function forward(req: IncomingMessage, res: ServerResponse, body?: Buffer) {
    const upstream = request(
      { hostname: api.hostname, port: api.port, path: req.url, method: req.method, headers: { ...req.headers, host: api.host }, agent: toApi },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试。' } }));
    });
    if (body) upstream.end(body);
    else req.pipe(upstream);
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://web');
    if (standIn && req.method === 'POST' && url.pathname === '/v1/me/subscriptions') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        void tellSimulatorOfConsents(standIn, req.headers.authorization, body)
          .catch(() => undefined)
          .then(() => forward(req, res, body));
      });
      return;
    }
    if (standIn && req.method === 'POST' && url.pathname === '/_demo/wechat/face/run') {
      // the H5 demo's camera step: what wx.requestFacialVerify does on a phone, done by the simulator
      req.pipe(
        request(`${standIn.wechatBaseUrl}/_control/face/run`, { method: 'POST' }, (reply) => {
          res.writeHead(reply.statusCode ?? 502, { 'content-type': 'application/json' });
          reply.pipe(res);
        }).on('error', () => {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end('{"errCode":90018}');
        }),
      );
      return;
    }
    if (url.pathname.startsWith('/v1/')) {
      forward(req, res);
      return;
    }
    // The QR code's URL is upper case (QR alphanumeric mode): /V/<token> opens the verify page.
    const verify = /^\/v\/([A-Za-z0-9]+)$/i.exec(url.pathname);
    if (verify) {
      res.writeHead(302, { location: `/#/pages/verify/index?t=${verify[1]}` });
      res.end();
      return;
    }
    // the staff console (业务工作台) under /console/, the H5 mini program everywhere else
    if (url.pathname === '/console' || url.pathname.startsWith('/console/')) {
      serveBuild(CONSOLE_DIST, url.pathname.slice('/console'.length), req, res, 'npm run build:console');
      return;
    }
    serveBuild(H5_DIST, url.pathname, req, res, 'npm run build:h5');
  });
  server.on('close', () => toApi.destroy());
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
  };
  try {
    let dynamodb: DynamoDbLocal | undefined;
    if (!options.dynamodbEndpoint) {
      dynamodb = await startDynamoDbLocal({ port: options.dynamodbPort, dbPath: options.dbPath });
      stoppers.push(() => dynamodb!.stop());
    }
    const dynamodbEndpoint = options.dynamodbEndpoint ?? dynamodb!.endpoint;
    Object.assign(process.env, localAwsEnvironment(dynamodbEndpoint));
    // the table is made and seeded while serverless-offline boots: neither waits for the other
    const seeding = seedIfEmpty(dynamodbEndpoint, options.tableName, options.idHashKey);
    // a failure is awaited below; until then it must not count as unhandled
    seeding.catch(() => undefined);

    const wechat = await startWechatSimulator({
      ...WECHAT,
      port: options.wechatPort,
      ...(options.longTermReminders ? { longTermTemplates: [ARRIVAL_TEMPLATE] } : {}),
    });
    stoppers.push(() => wechat.stop());
    const bank = await startBankSimulator({ port: options.bankPort });
    stoppers.push(() => bank.stop());
    for (const mortgage of demoMortgages(new Date())) bank.addLoan(mortgage);
    const registry = await startRegistrySimulator({ port: options.registryPort, owners: demoHomeOwners(new Date()) });
    stoppers.push(() => registry.stop());
    const socialInsurance = await startSocialInsuranceSimulator({ port: options.socialInsurancePort, retired: demoRetirementRecords(new Date()) });
    stoppers.push(() => socialInsurance.stop());

    const webPort = options.webPort ?? (await freePort());
    const webUrl = `http://127.0.0.1:${webPort}`;
    const apiPort = options.apiPort ?? (await freePort());
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const apiEnv: Record<string, string> = {
      ...localAwsEnvironment(dynamodbEndpoint),
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      API_PORT: String(apiPort),
      OFFLINE_LAMBDA_PORT: String(await freePort()),
      TABLE_NAME: options.tableName,
      // serverless.yml hands the signing key to the sign-in functions only
      SESSION_SIGNING_KEY: options.sessionKeys.signingKey,
      SESSION_PUBLIC_KEYS: options.sessionKeys.publicKeys,
      ID_HASH_KEY: options.idHashKey,
      CERT_SIGNING_KEYS: options.certSigningKeys,
      // what verifiers hold (an SSM parameter when deployed): the signing keys' public halves
      CERT_PUBLIC_KEYS: certificatePublicKeysOf(options.certSigningKeys),
      VERIFY_BASE_URL: `${webUrl}/V/`,
      BANK_API_BASE: bank.baseUrl,
      REGISTRY_API_BASE: registry.baseUrl,
      SOCIAL_INSURANCE_API_BASE: socialInsurance.baseUrl,
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_APPID: WECHAT.appId,
      WECHAT_SECRET: WECHAT.secret,
      ...(options.logFile ? { HPF_LOG_FILE: options.logFile } : {}),
      MINIPROGRAM_STATE: 'developer',
      POLICY_JSON: JSON.stringify({
        // a test's own policy (the payout policy in test time) stays: the stack's settings add to it
        ...(process.env.POLICY_JSON ? (JSON.parse(process.env.POLICY_JSON) as object) : {}),
        ...(options.longTermReminders ? { reminders: { longTermSubscription: true } } : {}),
        ...(options.faceChecks ? {} : { face: { requiredFor: [] } }),
      }),
    };
    // serverless.yml loads its bundler plugin from HPF_BUNDLER (the offline process only)
    const bundlerEnv = options.prebuiltBundles
      ? { HPF_BUNDLER: './scripts/prebuilt-bundles.cjs', HPF_PREBUILT_BUNDLES: path.relative(REPO_ROOT, options.prebuiltBundles) }
      : {};
    const api = startApi({ ...process.env, ...apiEnv, ...bundlerEnv }, apiUrl, options.onApiOutput);
    stoppers.push(
      () =>
        new Promise((resolve) => {
          if (api.child.exitCode !== null) return resolve();
          api.child.once('exit', () => resolve());
          api.child.kill('SIGTERM');
          // serverless-offline waits up to 5 s for clients' idle keep-alive connections (a test's
          // fetch keeps some); nothing of the API's is lost by not waiting them out
          setTimeout(() => api.child.kill('SIGKILL'), 1000).unref();
        }),
    );
    const [seeded] = await Promise.all([seeding, api.ready]);

    const web = await startWeb(apiUrl, webPort, { wechatBaseUrl: wechat.baseUrl, sessionPublicKeys: options.sessionKeys.publicKeys });
    stoppers.push(
      () =>
        new Promise((resolve) => {
          web.close(() => resolve());
          // a browser still open keeps its connections alive: close() alone would wait them out (5 s)
          web.closeAllConnections();
        }),
    );

    // 到账提醒: the notifier reads the table's stream here, as Lambda's event source mapping would
    Object.assign(process.env, apiEnv);
    const { handler: notifier } = await import('../functions/src/reminders/notifier');
    const poller = await startStreamPoller({ tableName: options.tableName, handler: notifier });
    stoppers.push(() => poller.stop());
    // 证明内容已变化: account and loan changes checked against live certificates, from the same stream
    const { handler: freshness } = await import('../functions/src/certificates/freshness');
    const freshnessPoller = await startStreamPoller({ tableName: options.tableName, handler: freshness, keyPrefixes: FRESHNESS_KEY_PREFIXES });
    stoppers.push(() => freshnessPoller.stop());
    // the payout worker: applications that became APPROVED from the same stream, and its sweep
    const { startPayoutRunner } = await import('../functions/src/dev/payout-runner');
    const payouts = await startPayoutRunner({ tableName: options.tableName });
    stoppers.push(() => payouts.stop());
    // 离退休提取: the scheduled job's first run before the stack is handed over (the demo's 刘建国 is prepared)
    const { startLoanRepaymentRunner, startRetirementRunner } = await import('../functions/src/dev/daily-jobs');
    const retirement = await startRetirementRunner();
    stoppers.push(() => retirement.stop());
    // 约定提取还贷: the monthly repayment from the HPF account, checked daily as the schedule does
    const loanRepayments = await startLoanRepaymentRunner();
    stoppers.push(() => loanRepayments.stop());

    return { apiUrl, webUrl, wechat, bank, registry, socialInsurance, retirement, loanRepayments, dynamodbEndpoint, tableName: options.tableName, seeded, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
