/**
 * 好差评统计: a month's 评价率 (services rated ÷ delivered) and 满意率 (非常满意 + 满意 ÷ ratings, as the
 * national system counts), per service and office, the bad ratings and where their cases stand,
 * the last six months side by side, and the export in the national system's fields (no ID number
 * or phone; the comment only for the roles the policy lets read it: the API leaves it out otherwise).
 */
import { RATING_CASE_STATUS_LABELS, chinaDate, type RatingCaseStatus, type RatingFigureRow, type ResponseOf } from '@hpf/shared';
import { formatChinaTime } from '@hpf/shared/src/display/certificate-facts';
import { formatYearMonth } from '@hpf/shared/src/display/format';
import { Alert, App as AntApp, Button, Card, Col, Empty, Input, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { BarChart } from '../components/BarChart';
import { call, messageOf } from '../lib/api';
import { useLoad } from '../lib/use-load';

type Figures = ResponseOf<'ratingFigures'>;

function previousMonths(month: string, count: number): string[] {
  const [year, m] = month.split('-').map(Number);
  return Array.from({ length: count }, (_, back) => {
    const index = year * 12 + (m - 1) - (count - 1 - back);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

const percent = (basisPoints: number | null) => (basisPoints === null ? 0 : basisPoints / 100);

/** CSV for a spreadsheet: a byte-order mark so Excel reads the Chinese, every field quoted. */
function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map((field) => `"${field.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`;
}

function ExportButton({ month }: { month: string }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      const data = await call('ratingExport', { query: { month } });
      // 评价内容 only when the API gave it to this person's role (policy rating.commentRoles)
      const csv = toCsv([
        ['服务事项', '办理网点', '评价渠道', '评价等级', '评价时间', '差评处理结果', ...(data.withComments ? ['评价内容'] : [])],
        ...data.rows.map((row) => [
          row.serviceItem,
          row.office,
          row.channelLabel,
          row.levelLabel,
          formatChinaTime(row.ratedAt),
          row.caseOutcome,
          ...(data.withComments ? [row.comment ?? ''] : []),
        ]),
      ]);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      link.download = `好差评-${month}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      void message.success(`已导出 ${data.rows.length} 条评价。`);
    } catch (failure) {
      void message.error(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button onClick={() => void download()} loading={busy} data-testid="ratings-export">
      导出本月评价（CSV）
    </Button>
  );
}

function Totals({ total }: { total: RatingFigureRow }) {
  return (
    <Row gutter={16} style={{ marginBottom: 16 }} data-testid="ratings-totals">
      {[
        ['办件数', String(total.delivered)],
        ['评价数', String(total.rated)],
        ['评价率', total.ratingRate],
        ['满意率', total.satisfactionRate],
        ['差评', String(total.bad)],
      ].map(([title, value]) => (
        <Col key={title} span={4}>
          <Card size="small">
            <Statistic title={title} value={value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function caseText(cases: Record<string, number>): string {
  const parts = Object.entries(cases)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${RATING_CASE_STATUS_LABELS[status as RatingCaseStatus] ?? status} ${count}`);
  return parts.length ? parts.join('；') : '—';
}

export function RatingFiguresPage() {
  const [month, setMonth] = useState(() => chinaDate(new Date()).slice(0, 7));
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  // the chosen month first, on its own: its figures show without waiting for the five before it
  const [state, reload] = useLoad(async () => (valid ? call('ratingFigures', { query: { month } }) : null), [month]);
  const current = state.status === 'ready' ? (state.data ?? undefined) : undefined;
  // then the trend; a failure there leaves the month's figures standing, with its own 重试
  const [trend, reloadTrend] = useLoad(
    async (): Promise<Figures[]> => (current ? Promise.all(previousMonths(current.month, 6).slice(0, -1).map((m) => call('ratingFigures', { query: { month: m } }))) : []),
    [current],
  );
  const figures: Figures[] = current && trend.status === 'ready' ? [...trend.data, current] : [];
  const cases = current ? Object.entries(current.total.cases).filter(([, count]) => count > 0) : [];

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        好差评统计
      </Typography.Title>
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        <span>
          <label htmlFor="ratings-month" style={{ marginRight: 8 }}>
            月份
          </label>
          <Input id="ratings-month" type="month" value={month} onChange={(event) => setMonth(event.target.value)} style={{ width: 180 }} data-testid="ratings-month" />
        </span>
        <Button onClick={reload}>刷新</Button>
        {valid && <ExportButton month={month} />}
      </Space>
      {!valid && <Alert type="warning" showIcon title="请选择月份。" />}
      {valid && state.status === 'loading' && <Spin description="正在统计…" />}
      {state.status === 'error' && <Alert type="error" showIcon role="alert" title={state.message} action={<Button size="small" onClick={reload}>重试</Button>} />}
      {current && (
        <>
          <Typography.Paragraph type="secondary">
            {formatYearMonth(current.month)}：评价率 = 已评价 ÷ 办结的服务；满意率 = （非常满意 + 满意）÷ 评价数；申诉成立的差评不计入。
          </Typography.Paragraph>
          <Totals total={current.total} />
          <Card title="按服务事项和网点" style={{ marginBottom: 16 }}>
            {current.rows.length === 0 ? (
              <Empty description="这个月没有办结的服务。" data-testid="ratings-empty" />
            ) : (
              <Table<RatingFigureRow>
                size="small"
                rowKey={(row) => `${row.service}-${row.office}`}
                data-testid="ratings-rows"
                pagination={false}
                dataSource={current.rows}
                columns={[
                  { title: '服务事项', dataIndex: 'serviceLabel' },
                  { title: '网点', dataIndex: 'office' },
                  { title: '办件数', dataIndex: 'delivered', align: 'right' },
                  { title: '评价数', dataIndex: 'rated', align: 'right' },
                  { title: '评价率', dataIndex: 'ratingRate', align: 'right' },
                  { title: '满意率', dataIndex: 'satisfactionRate', align: 'right' },
                  { title: '差评', dataIndex: 'bad', align: 'right' },
                  { title: '差评工单', key: 'cases', render: (_, row) => caseText(row.cases) },
                ]}
              />
            )}
          </Card>
          {trend.status === 'loading' && <Spin description="正在读取近六个月的数字…" />}
          {trend.status === 'error' && (
            <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={`近六个月的数字没有读到：${trend.message}`} action={<Button size="small" onClick={reloadTrend}>重试</Button>} />
          )}
          <Row gutter={16}>
            {figures.length > 0 && (
              <>
            <Col span={12}>
              <Card style={{ marginBottom: 16 }}>
                <BarChart
                  testId="chart-satisfaction"
                  title="满意率（近六个月）"
                  max={100}
                  color="#0a7a3d"
                  bars={figures.map((f) => ({ label: formatYearMonth(f.month), value: percent(f.total.satisfactionRateBasisPoints), text: f.total.satisfactionRate }))}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card style={{ marginBottom: 16 }}>
                <BarChart
                  testId="chart-rating-rate"
                  title="评价率（近六个月）"
                  max={100}
                  bars={figures.map((f) => ({ label: formatYearMonth(f.month), value: percent(f.total.ratingRateBasisPoints), text: f.total.ratingRate }))}
                />
              </Card>
            </Col>
            <Col span={12}>
              <Card style={{ marginBottom: 16 }}>
                <BarChart
                  testId="chart-bad"
                  title="差评数（近六个月）"
                  max={Math.max(1, ...figures.map((f) => f.total.bad))}
                  color="#b42318"
                  bars={figures.map((f) => ({ label: formatYearMonth(f.month), value: f.total.bad, text: `${f.total.bad} 条` }))}
                />
              </Card>
            </Col>
              </>
            )}
            <Col span={12}>
              <Card style={{ marginBottom: 16 }}>
                <BarChart
                  testId="chart-cases"
                  title={`${formatYearMonth(current.month)} 差评工单状态`}
                  max={Math.max(1, ...cases.map(([, count]) => count))}
                  color="#8a4b00"
                  bars={cases.map(([status, count]) => ({ label: RATING_CASE_STATUS_LABELS[status as RatingCaseStatus] ?? status, value: count, text: `${count} 件` }))}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
