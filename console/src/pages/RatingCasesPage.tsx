/**
 * 差评工单: every 不满意 / 非常不满意 rating is a case for the office that served — 核实, 整改, 回访
 * (when, how, what the member said), or 申诉 decided by an auditor who is not the one who appealed.
 * The page offers a step only to the roles the API lets take it (RATING_CASE_ACTOR_ROLES) and only
 * from the state it leaves; the API checks both again. Overdue cases come first.
 */
import {
  RATING_CASE_ACTOR_ROLES,
  RATING_CASE_STATUS_LABELS,
  RATING_CASE_STEPS,
  type RatingCaseDetail,
  type RatingCaseStatus,
  type RatingCaseStep,
  type ResponseOf,
} from '@hpf/shared';
import { formatChinaTime } from '@hpf/shared/src/display/certificate-facts';
import { formatDate } from '@hpf/shared/src/display/format';
import { Alert, App as AntApp, Button, Card, Descriptions, Empty, Form, Input, Radio, Select, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { call, messageOf } from '../lib/api';
import { currentSession } from '../lib/session';
import { useLoad } from '../lib/use-load';

type CaseView = ResponseOf<'staffRatingCases'>['cases'][number];
type Step = RatingCaseStep;
type How = 'PHONE' | 'SMS' | 'VISIT' | 'MESSAGE';

const HOW_LABELS: Record<How, string> = { PHONE: '电话', SMS: '短信', VISIT: '上门', MESSAGE: '小程序消息' };
/** Solid tags with white text (antd's light preset tags fall short of AA contrast), as WithdrawalStatusTag. */
const STATUS_COLORS: Record<RatingCaseStatus, string> = {
  OPEN: '#a8071a',
  VERIFIED: '#ad4e00',
  RECTIFIED: '#ad4e00',
  APPEALED: '#531dab',
  FOLLOWED_UP: '#1d5fa8',
  CLOSED: '#237804',
  APPEAL_UPHELD: '#595959',
};
const BAD = '#a8071a';
const STATUS_OPTIONS = (Object.keys(RATING_CASE_STATUS_LABELS) as RatingCaseStatus[]).map((value) => ({ value, label: RATING_CASE_STATUS_LABELS[value] }));
const ALL = '';

function CaseStatusTag({ view }: { view: Pick<CaseView, 'status' | 'statusLabel' | 'overdue'> }) {
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[view.status]} variant="solid">
        {view.statusLabel}
      </Tag>
      {view.overdue && (
        <Tag color={BAD} variant="solid">
          已超期
        </Tag>
      )}
    </Space>
  );
}

/** The steps this person may take on this case now. */
export function stepsFor(detail: Pick<RatingCaseDetail, 'status' | 'appealedBy'>, roles: readonly string[], username: string): Step[] {
  return (Object.keys(RATING_CASE_STEPS) as Step[]).filter((step) => {
    const rule = RATING_CASE_STEPS[step];
    if (rule.from !== detail.status) return false;
    if (!(RATING_CASE_ACTOR_ROLES[rule.actor as keyof typeof RATING_CASE_ACTOR_ROLES] as readonly string[]).some((role) => roles.includes(role))) return false;
    // an appeal is decided by another person than the one who made it
    return rule.actor !== 'REVIEWER' || detail.appealedBy !== username;
  });
}

const STEP_HINTS: Record<Step, string> = {
  VERIFY: '写明核实到的情况：当时怎么办的、问题出在哪里。',
  RECTIFY: '写明改了什么：流程、告知、人员培训等。',
  FOLLOW_UP: '联系评价人，说明处理结果，记下回访时间、方式和评价人的意见。',
  APPEAL: '认为这条评价不实或与服务无关时提出申诉，写明理由；由稽核人员决定，申诉人不能自己决定。',
  UPHOLD_APPEAL: '申诉成立：这条差评不再计入网点的差评。',
  REFUSE_APPEAL: '申诉不成立：工单回到整改。',
};

function StepForm({ detail, step, onDone }: { detail: RatingCaseDetail; step: Step; onDone: (next: RatingCaseDetail) => void }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ note: string; at?: string; how?: How; outcome?: string }>();
  const label = RATING_CASE_STEPS[step].label;
  async function submit(values: { note: string; at?: string; how?: How; outcome?: string }) {
    setBusy(true);
    setError(undefined);
    try {
      const next = await call('ratingCaseStep', {
        params: { caseId: detail.caseId },
        body: {
          step,
          note: values.note,
          // the time is typed in China time: sent with its offset so no browser's zone moves it
          ...(step === 'FOLLOW_UP' ? { followUp: { at: `${values.at}:00+08:00`, how: values.how as How, outcome: values.outcome ?? '' } } : {}),
        },
      });
      void message.success(`${label}已记录：${next.statusLabel}`);
      form.resetFields();
      onDone(next);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }
  const id = `case-${step.toLowerCase()}`;
  return (
    <Card size="small" title={label} data-testid={`${id}-form`} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{STEP_HINTS[step]}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        {step === 'FOLLOW_UP' && (
          <Space wrap size="large" align="start">
            <Form.Item label="回访时间（北京时间）" name="at" htmlFor={`${id}-at`} rules={[{ required: true, message: '请填写回访时间' }]}>
              <Input id={`${id}-at`} type="datetime-local" data-testid={`${id}-at`} style={{ width: 240 }} />
            </Form.Item>
            <Form.Item label="回访方式" name="how" htmlFor={`${id}-how`} rules={[{ required: true, message: '请选择回访方式' }]}>
              {/* radio buttons, not a Select: antd's dropdown list stays in the page without a name */}
              <Radio.Group id={`${id}-how`} aria-label="回访方式" data-testid={`${id}-how`} optionType="button" options={(Object.keys(HOW_LABELS) as How[]).map((value) => ({ value, label: HOW_LABELS[value] }))} />
            </Form.Item>
          </Space>
        )}
        {step === 'FOLLOW_UP' && (
          <Form.Item label="评价人怎么说（回访结果）" name="outcome" htmlFor={`${id}-outcome`} rules={[{ required: true, message: '请写明回访结果' }]}>
            <Input.TextArea id={`${id}-outcome`} data-testid={`${id}-outcome`} rows={2} maxLength={300} showCount />
          </Form.Item>
        )}
        <Form.Item label={`${label}说明`} name="note" htmlFor={`${id}-note`} rules={[{ required: true, message: '请写明办理说明' }]}>
          <Input.TextArea id={`${id}-note`} data-testid={`${id}-note`} rows={3} maxLength={500} showCount />
        </Form.Item>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} data-testid="case-step-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid={`${id}-submit`}>
          提交{label}
        </Button>
      </Form>
    </Card>
  );
}

function CasePage() {
  const { caseId = '' } = useParams();
  const navigate = useNavigate();
  const session = currentSession();
  const [state, reload] = useLoad(() => call('staffRatingCase', { params: { caseId } }), [caseId]);
  const [latest, setLatest] = useState<RatingCaseDetail>();
  const detail = latest?.caseId === caseId ? latest : state.status === 'ready' ? state.data : undefined;
  const steps = detail ? stepsFor(detail, session?.roles ?? [], session?.username ?? '') : [];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate('/ratings')} data-testid="case-back">
          返回工单列表
        </Button>
      </Space>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        差评工单 {caseId}
      </Typography.Title>
      {state.status === 'loading' && !detail && <Spin description="正在读取工单…" />}
      {state.status === 'error' && <Alert type="error" showIcon role="alert" title={state.message} action={<Button size="small" onClick={reload}>重试</Button>} />}
      {detail && (
        <>
          <Card style={{ marginBottom: 16 }} data-testid="case-detail">
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="状态">
                <span data-testid="case-status">
                  <CaseStatusTag view={detail} />
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="办理期限">{formatDate(detail.dueOn)}（按工作日计）</Descriptions.Item>
              <Descriptions.Item label="服务事项">{detail.serviceLabel}</Descriptions.Item>
              <Descriptions.Item label="办理网点">{detail.office}</Descriptions.Item>
              <Descriptions.Item label="评价">
                <Tag color={BAD} variant="solid">
                  {detail.levelLabel}
                </Tag>
                {detail.reasons.join('、')}
              </Descriptions.Item>
              <Descriptions.Item label="评价时间">{formatChinaTime(detail.openedAt)}</Descriptions.Item>
              <Descriptions.Item label="评价内容" span={2}>
                <span data-testid="case-comment">{detail.comment ?? (detail.commentWithheld ? '评价人写了意见；按规定，您的岗位不能查看评价内容' : '（没有填写）')}</span>
              </Descriptions.Item>
              <Descriptions.Item label="评价人">{detail.memberName}</Descriptions.Item>
              <Descriptions.Item label="回访电话">
                <span data-testid="case-phone">{detail.phone || detail.phoneMasked}</span>
              </Descriptions.Item>
              {detail.appealedBy && <Descriptions.Item label="申诉人">{detail.appealedBy}</Descriptions.Item>}
              {detail.resolved !== undefined && (
                <Descriptions.Item label="评价人答复">
                  <span data-testid="case-resolved">{detail.resolved ? '问题已解决' : '问题没有解决'}</span>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title="办理记录" style={{ marginBottom: 16 }} data-testid="case-history">
            {detail.history.length === 0 ? (
              <Empty description="还没有办理记录。" />
            ) : (
              <Timeline
                items={detail.history.map((entry) => ({
                  content: (
                    <div>
                      <strong>{entry.stepLabel}</strong> · {entry.by} · {formatChinaTime(entry.at)}
                      {entry.note && <div>{entry.note}</div>}
                      {entry.followUp && (
                        <div>
                          回访：{formatChinaTime(entry.followUp.at)}，{HOW_LABELS[entry.followUp.how]}，{entry.followUp.outcome}
                        </div>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          {steps.map((step) => (
            <StepForm key={`${detail.status}-${step}`} detail={detail} step={step} onDone={setLatest} />
          ))}
          {steps.length === 0 && (
            <Alert
              type="info"
              showIcon
              data-testid="case-no-step"
              title={
                detail.status === 'FOLLOWED_UP'
                  ? '已回访，等待评价人确认问题是否解决（逾期未答复自动办结）。'
                  : detail.status === 'CLOSED' || detail.status === 'APPEAL_UPHELD'
                    ? '工单已办结。'
                    : detail.status === 'APPEALED'
                      ? '申诉中：由另一位稽核人员决定。'
                      : '这一步由办理网点的工作人员办理。'
              }
            />
          )}
        </>
      )}
    </>
  );
}

function CaseList() {
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<RatingCaseStatus | typeof ALL>(ALL);
  const [office, setOffice] = useState<string>(ALL);
  // one office's cases are asked of the API a page at a time; the pages read after the first
  const [more, setMore] = useState<{ cases: CaseView[]; nextCursor?: string }>({ cases: [] });
  const [reading, setReading] = useState(false);
  const [state, reload] = useLoad(() => {
    setMore({ cases: [] });
    return call('staffRatingCases', { query: { ...(status ? { status } : {}), ...(office ? { office } : {}) } });
  }, [status, office]);
  const first = state.status === 'ready' ? state.data : undefined;
  const cursor = more.cases.length > 0 ? more.nextCursor : first?.nextCursor;
  const offices = first?.offices ?? [];
  // overdue first, then the API's order (earliest deadline first)
  const shown = [...(first?.cases ?? []), ...more.cases].sort((a, b) => Number(b.overdue) - Number(a.overdue));
  async function readMore() {
    if (!cursor) return;
    setReading(true);
    try {
      const page = await call('staffRatingCases', { query: { ...(status ? { status } : {}), office, cursor } });
      setMore((before) => ({ cases: [...before.cases, ...page.cases], nextCursor: page.nextCursor }));
    } catch (failure) {
      void message.error(messageOf(failure));
    } finally {
      setReading(false);
    }
  }
  return (
    <Card>
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        <span>
          <label htmlFor="case-filter-status" style={{ marginRight: 8 }}>
            状态
          </label>
          <Select id="case-filter-status" data-testid="case-filter-status" style={{ width: 200 }} value={status} onChange={setStatus} options={[{ value: ALL, label: '全部' }, ...STATUS_OPTIONS]} />
        </span>
        <span>
          <label htmlFor="case-filter-office" style={{ marginRight: 8 }}>
            网点
          </label>
          <Select id="case-filter-office" data-testid="case-filter-office" style={{ width: 200 }} value={office} onChange={setOffice} options={[{ value: ALL, label: '全部网点' }, ...offices.map((value) => ({ value, label: value }))]} />
        </span>
        <Button onClick={reload}>刷新</Button>
      </Space>
      {state.status === 'loading' && <Spin description="正在读取工单…" />}
      {state.status === 'error' && <Alert type="error" showIcon role="alert" title={state.message} action={<Button size="small" onClick={reload}>重试</Button>} />}
      {state.status === 'ready' &&
        (shown.length === 0 ? (
          <Empty description="没有这样的差评工单。" data-testid="cases-empty" />
        ) : (
          <Table<CaseView>
            size="middle"
            rowKey="caseId"
            data-testid="cases"
            dataSource={shown}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            footer={
              cursor
                ? () => (
                    <Button onClick={() => void readMore()} loading={reading} data-testid="cases-more">
                      再读下一页
                    </Button>
                  )
                : undefined
            }
            columns={[
              { title: '状态', key: 'status', render: (_, view) => <CaseStatusTag view={view} /> },
              { title: '办理期限', key: 'dueOn', render: (_, view) => formatDate(view.dueOn) },
              { title: '服务事项', dataIndex: 'serviceLabel' },
              { title: '网点', dataIndex: 'office' },
              { title: '评价', key: 'level', render: (_, view) => `${view.levelLabel}${view.reasons.length ? `（${view.reasons.join('、')}）` : ''}` },
              { title: '评价人', dataIndex: 'memberName' },
              { title: '评价时间', key: 'openedAt', render: (_, view) => formatChinaTime(view.openedAt) },
              {
                title: '操作',
                key: 'open',
                render: (_, view) => (
                  <Button type="link" data-testid="case-open" aria-label={`办理 ${view.memberName} 的差评工单`} onClick={() => navigate(`/ratings/${view.caseId}`)}>
                    办理
                  </Button>
                ),
              },
            ]}
          />
        ))}
    </Card>
  );
}

export function RatingCasesPage() {
  return (
    <>
      <Routes>
        <Route
          index
          element={
            <>
              <Typography.Title level={2} style={{ fontSize: 20 }}>
                差评工单
              </Typography.Title>
              <Typography.Paragraph type="secondary">每条不满意、非常不满意的评价都是一个工单：按期限核实、整改、回访；超期的排在最前。</Typography.Paragraph>
              <CaseList />
            </>
          }
        />
        <Route path=":caseId" element={<CasePage />} />
      </Routes>
    </>
  );
}
