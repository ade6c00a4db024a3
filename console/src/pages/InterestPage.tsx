/**
 * 结息 (yearly interest): the year chosen → a preview of every account (积数 and interest by the
 * settlement's own rule, already settled, closed and empty accounts apart) and the sums → a
 * confirmation of what the run will post → the run, one part of the accounts at a time with
 * progress. The run is idempotent: a second one posts nothing and the page says so in words.
 */
import { ACCOUNT_LIST_PARTS, chinaDate, formatCurrency, interestPeriod, routes, type InterestPreviewResponse, type ResponseOf } from '@hpf/shared';
import { formatDate, formatRate, formatYuanDays } from '@hpf/shared/src/display/format';
import { Alert, App as AntApp, Button, Card, Progress, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call, messageOf } from '../lib/api';
import { currentSession } from '../lib/session';

type Row = InterestPreviewResponse['rows'][number];
type Counts = InterestPreviewResponse['counts'];
type RunCounts = ResponseOf<'settleInterest'>['counts'];

interface Preview {
  year: number;
  periodStart: string;
  periodEnd: string;
  rateBasisPoints: number;
  counts: Counts;
  dueIntegralFenDays: string;
  dueInterestFen: number;
  rows: Row[];
  rowsTruncated: boolean;
}

interface RunResult {
  year: number;
  counts: RunCounts;
  totalInterestFen: number;
}

type Stage =
  | { step: 'idle' }
  | { step: 'previewing'; done: number }
  | { step: 'previewed'; preview: Preview }
  | { step: 'running'; preview: Preview; done: number; counts: RunCounts }
  | { step: 'ran'; preview: Preview; result: RunResult };

const OUTCOME_TAGS: Record<Row['outcome'], { label: string; color: string }> = {
  due: { label: '将结息', color: '#237804' },
  settled: { label: '已结息', color: '#595959' },
  closed: { label: '已销户', color: '#595959' },
  zero: { label: '无利息', color: '#595959' },
};

/** A part the time budget cut short is asked again; it never takes more than a few tries. */
const TRIES_PER_PART = 5;

/** The latest year whose period (to 30 June, China time) is over, and the four before it. */
function yearsToOffer(now = new Date()): number[] {
  const today = chinaDate(now);
  const thisYear = Number(today.slice(0, 4));
  const latest = today > interestPeriod(thisYear).end ? thisYear : thisYear - 1;
  return Array.from({ length: 5 }, (_, index) => latest - index);
}

/** Asks for one part of the preview until it comes back complete (it posts nothing, so the last answer is the whole). */
async function wholePart<T extends { complete: boolean }>(ask: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const reply = await ask();
    if (reply.complete || attempt >= TRIES_PER_PART) return reply;
  }
}

export function InterestPage() {
  const { modal } = AntApp.useApp();
  const years = yearsToOffer();
  const [year, setYear] = useState(years[0]);
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [error, setError] = useState<string>();
  // the run is the account clerk's (the catalogue's roles); auditors see the preview only
  const canRun = (currentSession()?.roles ?? []).some((role) => (routes.settleInterest.roles as readonly string[]).includes(role));

  const runPreview = async () => {
    setError(undefined);
    setStage({ step: 'previewing', done: 0 });
    const counts: Counts = { due: 0, settled: 0, closed: 0, zero: 0, pending: 0 };
    const rows: Row[] = [];
    let dueIntegral = 0n;
    let dueInterestFen = 0;
    let rowsTruncated = false;
    let period = { periodStart: '', periodEnd: '', rateBasisPoints: 0 };
    try {
      for (let part = 0; part < ACCOUNT_LIST_PARTS; part += 1) {
        const reply = await wholePart(() => call('previewInterest', { body: { year, part } }));
        for (const key of Object.keys(counts) as (keyof Counts)[]) counts[key] += reply.counts[key];
        rows.push(...reply.rows);
        dueIntegral += BigInt(reply.dueIntegralFenDays);
        dueInterestFen += reply.dueInterestFen;
        rowsTruncated ||= reply.rowsTruncated;
        period = { periodStart: reply.periodStart, periodEnd: reply.periodEnd, rateBasisPoints: reply.rateBasisPoints };
        setStage({ step: 'previewing', done: part + 1 });
      }
    } catch (failure) {
      setError(messageOf(failure));
      setStage({ step: 'idle' });
      return;
    }
    rows.sort((a, b) => a.accountNo.localeCompare(b.accountNo));
    setStage({ step: 'previewed', preview: { year, ...period, counts, dueIntegralFenDays: String(dueIntegral), dueInterestFen, rows, rowsTruncated } });
  };

  const run = async (preview: Preview) => {
    setError(undefined);
    const counts: RunCounts = { posted: 0, duplicate: 0, skipped: 0, pending: 0 };
    let totalInterestFen = 0;
    setStage({ step: 'running', preview, done: 0, counts });
    try {
      for (let part = 0; part < ACCOUNT_LIST_PARTS; part += 1) {
        // a part cut short is asked again: what the earlier answers posted the later one reports as
        // already settled, so those count as posted this time, not as 此前已结息
        let postedBefore = 0;
        for (let attempt = 1; ; attempt += 1) {
          const reply = await call('settleInterest', { body: { year: preview.year, part } });
          totalInterestFen += reply.totalInterestFen;
          if (reply.complete || attempt >= TRIES_PER_PART) {
            counts.posted += postedBefore + reply.counts.posted;
            counts.duplicate += reply.counts.duplicate - postedBefore;
            counts.skipped += reply.counts.skipped;
            counts.pending += reply.counts.pending;
            break;
          }
          postedBefore += reply.counts.posted;
        }
        setStage({ step: 'running', preview, done: part + 1, counts: { ...counts } });
      }
    } catch (failure) {
      setError(`${messageOf(failure)} 已记的利息不受影响；再结息一次，已结息的账户不会重复记。`);
    }
    setStage({ step: 'ran', preview, result: { year: preview.year, counts, totalInterestFen } });
  };

  const confirmRun = (preview: Preview) => {
    const { counts } = preview;
    modal.confirm({
      title: `确认结息：${preview.year} 年度`,
      content: (
        <div data-testid="interest-confirm">
          {counts.due > 0 ? (
            <p>
              将给 {counts.due} 个账户记利息，共 {formatCurrency(preview.dueInterestFen)}，记账日期 {formatDate(preview.periodEnd)}（年利率 {formatRate(preview.rateBasisPoints)}）。
            </p>
          ) : (
            <p>没有要记的利息：结息不会记任何一笔，余额都不会变。</p>
          )}
          {counts.settled > 0 && <p>已结息的 {counts.settled} 个账户不会重复记。</p>}
          <p>记账后不能撤回。</p>
        </div>
      ),
      okText: '确认结息',
      cancelText: '再看看',
      onOk: () => void run(preview),
    });
  };

  // after a run the preview is out of date: only the outcome is shown until the next preview
  const preview = stage.step === 'previewed' || stage.step === 'running' ? stage.preview : undefined;
  const busy = stage.step === 'previewing' || stage.step === 'running';

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        年度结息
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size="large" align="end">
          <span>
            <label htmlFor="interest-year" style={{ display: 'block', marginBottom: 8 }}>
              结息年度
            </label>
            <Select<number>
              id="interest-year"
              value={year}
              style={{ width: 360 }}
              disabled={busy}
              onChange={(next) => {
                setYear(next);
                setStage({ step: 'idle' });
              }}
              options={years.map((option) => {
                const { start, end } = interestPeriod(option);
                return { value: option, label: `${option} 年度（${formatDate(start)}—${formatDate(end)}）` };
              })}
              data-testid="interest-year"
            />
          </span>
          <Button type="primary" size="large" disabled={busy} onClick={() => void runPreview()} data-testid="interest-preview">
            预览
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} data-testid="interest-error" />}
      {stage.step === 'idle' && !error && <Alert type="info" title="选择年度后先预览：逐个账户列出积数和利息，确认后才记账。" />}
      {stage.step === 'previewing' && (
        <Card style={{ marginBottom: 16 }}>
          <Typography.Text>
            正在预览：第 {stage.done} / {ACCOUNT_LIST_PARTS} 段账户
          </Typography.Text>
          <Progress percent={Math.floor((stage.done / ACCOUNT_LIST_PARTS) * 100)} aria-label="预览进度" />
        </Card>
      )}
      {stage.step === 'running' && (
        <Card style={{ marginBottom: 16 }} data-testid="interest-running">
          <Typography.Text>
            正在结息：第 {stage.done} / {ACCOUNT_LIST_PARTS} 段账户，已记 {stage.counts.posted} 个账户
          </Typography.Text>
          <Progress percent={Math.floor((stage.done / ACCOUNT_LIST_PARTS) * 100)} aria-label="结息进度" />
        </Card>
      )}
      {stage.step === 'ran' && <RunOutcome result={stage.result} />}
      {preview && (
        <Card
          title={`${preview.year} 年度结息预览（${formatDate(preview.periodStart)}—${formatDate(preview.periodEnd)}，年利率 ${formatRate(preview.rateBasisPoints)}）`}
          style={{ marginBottom: 16 }}
          data-testid="interest-summary"
        >
          <Space size="large" wrap>
            <Statistic title="将结息账户" value={preview.counts.due} suffix="个" />
            <Statistic title="积数合计" value={formatYuanDays(preview.dueIntegralFenDays)} />
            <Statistic title="利息合计" value={formatCurrency(preview.dueInterestFen)} />
            <Statistic title="已结息（不再记）" value={preview.counts.settled} suffix="个" />
            <Statistic title="已销户" value={preview.counts.closed} suffix="个" />
            <Statistic title="无利息" value={preview.counts.zero} suffix="个" />
            {canRun && stage.step === 'previewed' && (
              <Button type="primary" size="large" onClick={() => confirmRun(preview)} data-testid="interest-run">
                结息
              </Button>
            )}
          </Space>
          {preview.counts.due === 0 && preview.counts.settled > 0 && (
            <Alert type="info" showIcon style={{ marginTop: 12 }} title={`${preview.year} 年度的利息已经结过（${preview.counts.settled} 个账户），再结息不会记任何一笔。`} data-testid="interest-already" />
          )}
          {preview.counts.pending > 0 && (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`有 ${preview.counts.pending} 个账户没来得及读完，合计不含它们；请再预览一次。`} />
          )}
          {preview.rowsTruncated && <Alert type="info" style={{ marginTop: 12 }} title="账户较多，表中只列出一部分；上面的个数和合计包括全部账户。" />}
        </Card>
      )}
      {preview && preview.rows.length > 0 && (
        <Table<Row>
          size="small"
          rowKey="accountNo"
          dataSource={preview.rows}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          data-testid="interest-rows"
          columns={[
            { title: '个人账号', dataIndex: 'accountNo', width: 140 },
            { title: '姓名', dataIndex: 'name', width: 120 },
            {
              title: '结果',
              width: 110,
              render: (_, row) => (
                <Tag color={OUTCOME_TAGS[row.outcome].color} variant="solid">
                  {OUTCOME_TAGS[row.outcome].label}
                </Tag>
              ),
            },
            { title: '积数', align: 'right', render: (_, row) => (row.balanceIntegralFenDays ? formatYuanDays(row.balanceIntegralFenDays) : '—') },
            { title: '利息', align: 'right', render: (_, row) => (row.interestFen !== undefined ? formatCurrency(row.interestFen) : '—') },
          ]}
        />
      )}
      {preview && preview.rows.length === 0 && <Alert type="info" title="还没有账户。" />}
    </>
  );
}

function RunOutcome({ result }: { result: RunResult }) {
  const { posted, duplicate, skipped, pending } = result.counts;
  const words =
    posted > 0
      ? `${result.year} 年度结息完成：给 ${posted} 个账户记了利息，共 ${formatCurrency(result.totalInterestFen)}。`
      : duplicate > 0
        ? `这次没有记任何一笔：${result.year} 年度的利息此前已经结过（${duplicate} 个账户），余额都没有变。`
        : `这次没有记任何一笔：没有要记利息的账户。`;
  return (
    <Card style={{ marginBottom: 16 }} data-testid="interest-outcome">
      <Alert type={pending > 0 ? 'warning' : 'success'} showIcon title={words} data-testid="interest-outcome-words" />
      <Space size="large" wrap style={{ marginTop: 12 }}>
        <Statistic title="本次记利息" value={posted} suffix="个账户" />
        <Statistic title="本次利息合计" value={formatCurrency(result.totalInterestFen)} />
        <Statistic title="此前已结息" value={duplicate} suffix="个账户" />
        <Statistic title="未记（已销户或无利息）" value={skipped} suffix="个账户" />
        {pending > 0 && <Statistic title="未处理完" value={pending} suffix="个账户" />}
      </Space>
      {pending > 0 && <Alert type="warning" style={{ marginTop: 12 }} title={`还有 ${pending} 个账户没处理完：请再结息一次，已结息的账户不会重复记。`} />}
    </Card>
  );
}
