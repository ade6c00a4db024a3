/**
 * `serverless package` must work here with no AWS credentials, and the template it generates
 * must hold the table, every route of the catalogue, and one least-privilege role per function.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { routes } from '@hpf/shared';
import { REPO_ROOT } from '../src/dev/table-definition';

const run = promisify(execFile);
let template: { Resources: Record<string, { Type: string; Properties: any }> };
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'hpf-package-'));
  const env = { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'no-such-profile' };
  await run(process.execPath, [require.resolve('serverless/bin/serverless.js'), 'package', '--stage', 'dev', '--package', outDir], { cwd: REPO_ROOT, env });
  template = JSON.parse(readFileSync(path.join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const TABLE_ARN = { 'Fn::GetAtt': ['HpfTable', 'Arn'] };
const GSI1_ARN = { 'Fn::Join': ['', [TABLE_ARN, '/index/gsi1']] };
const STREAM_ARN = { 'Fn::GetAtt': ['HpfTable', 'StreamArn'] };
const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

describe('serverless package', () => {
  it('declares the one table: on demand, keys, GSI, stream, TTL, PITR, encryption, deletion protection', () => {
    const [[, table]] = ofType('AWS::DynamoDB::Table');
    const p = table.Properties;
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(p.GlobalSecondaryIndexes.length).toBeGreaterThanOrEqual(1);
    expect(p.StreamSpecification.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    expect(p.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
    expect(p.SSESpecification.SSEEnabled).toBe(true);
    expect(p.DeletionProtectionEnabled).toBe(true);
  });

  it('routes exactly the catalogue: every route in shared/api.ts, nothing else', () => {
    const deployed = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort();
    const catalogue = Object.values(routes).map((r) => `${r.method} ${r.path}`).sort();
    expect(deployed).toEqual(catalogue);
  });

  it('gives every function a least-privilege role: named DynamoDB calls on the table only', () => {
    const functions = ofType('AWS::Lambda::Function');
    // one function per route, plus the scheduled payout sweep, the morning check of 差评 cases, the
    // daily 离退休提取 job, the daily 约定提取还贷 job, the daily bank-statement import (日清) and the
    // three stream workers (the notifier, the certificate freshness check, the payout worker)
    expect(functions.length).toBe(Object.keys(routes).length + 8);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      const roleName = fn.Properties.Role['Fn::GetAtt'][0];
      const role = template.Resources[roleName];
      expect(role.Type).toBe('AWS::IAM::Role');
      const statements = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
      for (const statement of statements) {
        const actions: string[] = [statement.Action].flat();
        expect(actions.every((a) => !a.includes('*'))).toBe(true);
        expect(statement.Resource).not.toBe('*');
        if (actions.some((a) => a.startsWith('dynamodb:'))) {
          expect([TABLE_ARN, GSI1_ARN, STREAM_ARN]).toContainEqual(statement.Resource);
          // only the withdrawal functions delete (their month and open-application markers) and
          // 解除绑定 (the binding); a deleted ledger entry would break the hash chain the ledger check verifies
          if (roleName !== 'WithdrawalRole' && roleName !== 'UnbindRole') expect(actions).not.toContain('dynamodb:DeleteItem');
        }
      }
    }
    // read-only functions cannot write
    const accountRole = template.Resources.AccountReadRole.Properties.Policies[0].PolicyDocument.Statement;
    expect(accountRole.flatMap((s: any) => [s.Action].flat()).filter((a: string) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
  });

  const streamFilters = (functionLogicalId: string) => {
    const mapping = ofType('AWS::Lambda::EventSourceMapping').find(
      ([, m]) => m.Properties.FunctionName['Fn::GetAtt'][0] === functionLogicalId,
    )?.[1];
    expect(mapping).toBeDefined();
    expect(mapping!.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    return mapping!.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
  };

  it('feeds ledger entries, withdrawal applications and 约定提取 run markers from the stream to the notifier, with partial batch failures', () => {
    expect(streamFilters('NotifierLambdaFunction')).toEqual([
      { dynamodb: { Keys: { sk: { S: [{ prefix: 'LEDGER#' }] } } } },
      { dynamodb: { Keys: { sk: { S: [{ prefix: 'WD#' }] } } } },
      { dynamodb: { Keys: { sk: { S: ['RETIREMENT'] } } } },
      { dynamodb: { Keys: { sk: { S: ['PROFILE'] } }, NewImage: { status: { S: ['CLOSED'] } } } },
      { dynamodb: { Keys: { sk: { S: [{ prefix: 'REPAYRUN#' }] } } } },
    ]);
  });

  it('feeds account profiles that list live certificates, and loans, to the freshness check', () => {
    expect(streamFilters('CertificateFreshnessLambdaFunction')).toEqual([
      { dynamodb: { Keys: { sk: { S: ['PROFILE'] } }, NewImage: { liveCertificates: { SS: [{ exists: true }] } } } },
      { dynamodb: { Keys: { sk: { S: [{ prefix: 'LOAN#' }] } } } },
    ]);
  });

  it('feeds applications that became APPROVED to the payout worker, the only function given the bank', () => {
    expect(streamFilters('PayoutWorkerLambdaFunction')).toEqual([
      { dynamodb: { Keys: { sk: { S: [{ prefix: 'WD#' }] } }, NewImage: { status: { S: ['APPROVED'] } } } },
    ]);
    const withBank = ofType('AWS::Lambda::Function')
      .filter(([, fn]) => fn.Properties.Environment?.Variables?.BANK_API_BASE)
      .map(([id]) => id)
      .sort();
    // and the daily statement import (日清), which only reads the bank's statements, and the monthly
    // repayment job, which only asks a cooperating bank a mortgage's instalment (商贷自动划转 pays through the worker)
    expect(withBank).toEqual(['ImportBankStatementsLambdaFunction', 'PayoutWorkerLambdaFunction', 'ReconcilePayoutsLambdaFunction', 'RepayLoansLambdaFunction']);
  });

  it('gives the payout worker and its sweep a dead-letter queue, and alarms on it, on 人工核查 and on poison records', () => {
    const mapping = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => m.Properties.FunctionName['Fn::GetAtt'][0] === 'PayoutWorkerLambdaFunction')![1];
    expect(mapping.Properties.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': ['PayoutWorkerDLQ', 'Arn'] });
    const sweep = ofType('AWS::Lambda::EventInvokeConfig').find(([, c]) => c.Properties.FunctionName.Ref === 'ReconcilePayoutsLambdaFunction')![1];
    expect(sweep.Properties.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': ['PayoutWorkerDLQ', 'Arn'] });
    expect(template.Resources.PayoutWorkerDLQ.Type).toBe('AWS::SQS::Queue');
    const alarms = Object.fromEntries(ofType('AWS::CloudWatch::Alarm').map(([, a]) => [a.Properties.MetricName, a.Properties]));
    expect(template.Resources.PayoutWorkerDLQDepthAlarm.Properties.Dimensions[0].Value).toEqual({ 'Fn::GetAtt': ['PayoutWorkerDLQ', 'QueueName'] });
    for (const metric of ['PayoutsManualCheck', 'PayoutPoisonRecords', 'PayoutSweepLeftOver']) {
      expect(alarms[metric]).toMatchObject({ Namespace: 'HPF', Dimensions: [{ Name: 'service', Value: 'payouts' }], AlarmActions: [{ Ref: 'PayoutAlarmTopic' }] });
    }
  });

  it('gives every other stream consumer a dead-letter queue too, alarmed to the operators', () => {
    for (const [fn, queue] of [
      ['NotifierLambdaFunction', 'NotifierDLQ'],
      ['CertificateFreshnessLambdaFunction', 'CertificateFreshnessDLQ'],
    ]) {
      const mapping = ofType('AWS::Lambda::EventSourceMapping').find(([, m]) => m.Properties.FunctionName['Fn::GetAtt'][0] === fn)![1];
      expect(mapping.Properties.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [queue, 'Arn'] });
      expect(template.Resources[queue].Type).toBe('AWS::SQS::Queue');
      const alarm = template.Resources[`${queue}DepthAlarm`].Properties;
      expect(alarm.Dimensions[0].Value).toEqual({ 'Fn::GetAtt': [queue, 'QueueName'] });
      expect(alarm.AlarmActions).toEqual([{ Ref: 'OperationsAlarmTopic' }]);
    }
    // every stream mapping in the template has a failure destination
    for (const [id, mapping] of ofType('AWS::Lambda::EventSourceMapping')) {
      expect([id, mapping.Properties.DestinationConfig?.OnFailure?.Destination]).toEqual([id, expect.anything()]);
    }
  });

  it('alarms the operators on the API’s 5xx rate, on throttled functions and on a throttled table or index', () => {
    const alarm = (id: string) => {
      expect(template.Resources[id]?.Type).toBe('AWS::CloudWatch::Alarm');
      expect(template.Resources[id].Properties.AlarmActions).toEqual([{ Ref: 'OperationsAlarmTopic' }]);
      return template.Resources[id].Properties;
    };
    expect(template.Resources.OperationsAlarmTopic.Type).toBe('AWS::SNS::Topic');
    // the HTTP API the routes are on is the one counted
    expect(template.Resources.HttpApi.Type).toBe('AWS::ApiGatewayV2::Api');
    const api = alarm('Api5xxRateAlarm');
    const stat = (metrics: any[], id: string) => metrics.find((m) => m.Id === id).MetricStat;
    for (const [id, name] of [['errors', '5xx'], ['requests', 'Count']]) {
      expect(stat(api.Metrics, id)).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: name, Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }] }, Stat: 'Sum' });
    }
    expect(api.Metrics.find((m: any) => m.ReturnData).Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    expect(api).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' });

    expect(alarm('LambdaThrottlesAlarm')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Statistic: 'Sum', Threshold: 0 });

    const table = alarm('TableThrottlesAlarm');
    const counted = table.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric);
    expect(counted).toEqual(
      expect.arrayContaining(
        ['ReadThrottleEvents', 'WriteThrottleEvents'].flatMap((name) => [
          { Namespace: 'AWS/DynamoDB', MetricName: name, Dimensions: [{ Name: 'TableName', Value: { Ref: 'HpfTable' } }] },
          { Namespace: 'AWS/DynamoDB', MetricName: name, Dimensions: [{ Name: 'TableName', Value: { Ref: 'HpfTable' } }, { Name: 'GlobalSecondaryIndexName', Value: 'gsi1' }] },
        ]),
      ),
    );
    expect(counted).toHaveLength(4);
    // the index the queues live on is a table index
    expect(ofType('AWS::DynamoDB::Table')[0][1].Properties.GlobalSecondaryIndexes.map((i: any) => i.IndexName)).toContain('gsi1');
  });

  /**
   * Which function holds which secret: each is given only the secrets it uses. A function that
   * starts using one needs its line here and in serverless.yml (without it, reading the secret
   * stops the function with a message naming the variable).
   */
  const SECRETS_BY_FUNCTION: Record<string, string[]> = {
    wechatLogin: ['SESSION_SIGNING_KEY', 'WECHAT_SECRET'],
    bind: ['SESSION_SIGNING_KEY', 'ID_HASH_KEY'],
    staffLogin: ['SESSION_SIGNING_KEY'],
    agencyLogin: ['SESSION_SIGNING_KEY'],
    startFaceCheck: ['ID_HASH_KEY', 'WECHAT_SECRET'],
    faceCheckResult: ['ID_HASH_KEY', 'WECHAT_SECRET'],
    openAccount: ['ID_HASH_KEY'],
    searchAccounts: ['ID_HASH_KEY'],
    staffCertificates: ['ID_HASH_KEY'],
    notifier: ['WECHAT_SECRET'],
    // verifying a code and publishing the keys need the public keys only (CERT_PUBLIC_KEYS, below)
    certificateCode: ['CERT_SIGNING_KEYS'],
  };
  const SECRETS = ['SESSION_SIGNING_KEY', 'ID_HASH_KEY', 'WECHAT_SECRET', 'CERT_SIGNING_KEYS', 'SESSION_SECRET'];
  const logicalId = (name: string) => `${name[0].toUpperCase()}${name.slice(1)}LambdaFunction`;

  it('gives each function only its own secrets, each a Secrets Manager reference it reads at run time', () => {
    const functions = ofType('AWS::Lambda::Function');
    for (const name of Object.keys(SECRETS_BY_FUNCTION)) expect(template.Resources[logicalId(name)]?.Type).toBe('AWS::Lambda::Function');
    const expected = Object.fromEntries(Object.entries(SECRETS_BY_FUNCTION).map(([name, secrets]) => [logicalId(name), [...secrets].sort()]));
    for (const [id, fn] of functions) {
      const env = fn.Properties.Environment?.Variables ?? {};
      const held = SECRETS.filter((secret) => env[secret] !== undefined).sort();
      expect([id, held]).toEqual([id, expected[id] ?? []]);
      for (const secret of held) expect([id, secret, env[secret]]).toEqual([id, secret, expect.stringMatching(/^secretsmanager:hpf\/dev\/[a-z-]+$/)]);
      // everyone verifies sessions, with public keys only (the HS256 secret every function once held is gone)
      expect([id, env.SESSION_PUBLIC_KEYS]).toEqual([id, expect.stringMatching(/^\{\{resolve:ssm:/)]);
    }
  });

  it("lets each function's role read exactly the secrets that function holds, and no other", () => {
    const secretArn = (statement: any): string[] =>
      [statement.Resource].flat().map((resource: any) => /:secret:hpf\/dev\/([a-z-]+)-\*$/.exec(resource['Fn::Sub'] ?? '')?.[1] ?? `unexpected: ${JSON.stringify(resource)}`);
    const NAME: Record<string, string> = {
      SESSION_SIGNING_KEY: 'session-signing-key',
      ID_HASH_KEY: 'id-hash-key',
      WECHAT_SECRET: 'wechat-secret',
      CERT_SIGNING_KEYS: 'cert-signing-keys',
    };
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const env = fn.Properties.Environment?.Variables ?? {};
      const held = Object.keys(NAME).filter((secret) => env[secret] !== undefined).map((secret) => NAME[secret]).sort();
      const role = template.Resources[fn.Properties.Role['Fn::GetAtt'][0]];
      const readable = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement)
        .filter((statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('secretsmanager:')))
        .flatMap((statement: any) => {
          expect([statement.Action].flat()).toEqual(['secretsmanager:GetSecretValue']);
          return secretArn(statement);
        })
        .sort();
      expect([id, readable]).toEqual([id, held]);
    }
  });

  it('gives the certificate public keys, from SSM, to the functions that verify or publish codes and to the signer', () => {
    const holders = ofType('AWS::Lambda::Function')
      .filter(([, fn]) => fn.Properties.Environment?.Variables?.CERT_PUBLIC_KEYS !== undefined)
      .map(([id, fn]) => [id, fn.Properties.Environment.Variables.CERT_PUBLIC_KEYS]);
    expect(holders.map(([id]) => id).sort()).toEqual(['CertificateCodeLambdaFunction', 'CertificateKeysLambdaFunction', 'VerifyCertificateLambdaFunction']);
    for (const [, value] of holders) expect(value).toMatch(/^\{\{resolve:ssm:\/hpf\/dev\/cert-public-keys\}\}$/);
  });
});
