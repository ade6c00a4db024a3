/**
 * 提取审核: the queue of applications waiting, oldest first, a page at a time, filtered on the
 * server by where each stands (待初审 / 待复核), risk flags, applicant and submission dates; one
 * application opened whole to decide on; and the processed history by outcome, newest first. 初审 and 复核 by two different reviewers: the server refuses the
 * same person twice, and the page does not offer it.
 */
import { formatCurrency, type QueryOf, type ResponseOf, type WithdrawalStatus } from '@hpf/shared';
import { formatChinaTime } from '@hpf/shared/src/display/certificate-facts';
import { formatYearMonth } from '@hpf/shared/src/display/format';
import { REVIEW_DECISION_LABELS, reviewEffect, reviewTurn, reviewTurnHint, type ReviewDecision } from '@hpf/shared/src/display/review';
import { Alert, App as AntApp, Button, Card, Checkbox, DatePicker, Empty, Input, Segmented, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { DetailDrawer } from '../components/DetailDrawer';
import { FieldLabel } from '../components/FieldLabel';
import { WithdrawalDetail, type StaffWithdrawal } from '../components/WithdrawalDetail';
import { StateList } from '../components/StateList';
import { call, messageOf } from '../lib/api';
import { currentSession } from '../lib/session';
import { useLoad } from '../lib/use-load';

type QueueItem = ResponseOf<'reviewQueue'>['items'][number];
type QueueQuery = QueryOf<'reviewQueue'>;
type Stage = 'all' | 'first' | 'second';

const STAGES: { value: Stage; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'first', label: '待初审' },
  { value: 'second', label: '待复核' },
];

/** The filters as the reviewer set them; the server applies them, so every page is a page of matches. */
interface Filters {
  stage: Stage;
  flagged: boolean;
  accountNo: string;
  from: Dayjs | null;
  to: Dayjs | null;
}

const NO_FILTERS: Filters = { stage: 'all', flagged: false, accountNo: '', from: null, to: null };

function toQuery(filters: Filters): Omit<QueueQuery, 'limit' | 'cursor'> {
  return {
    ...(filters.stage !== 'all' ? { stage: filters.stage } : {}),
    ...(filters.flagged ? { flagged: 'true' as const } : {}),
    ...(filters.accountNo ? { accountNo: filters.accountNo } : {}),
    ...(filters.from ? { from: filters.from.format('YYYY-MM-DD') } : {}),
    ...(filters.to ? { to: filters.to.format('YYYY-MM-DD') } : {}),
  };
}

const filtered = (filters: Filters) => Object.keys(toQuery(filters)).length > 0;

/** The row's button says its verb; its accessible name adds whose application (the verb first, as it is seen). */
function OpenButton({ verb, item, onOpen }: { verb: string; item: QueueItem; onOpen: (applicationId: string) => void }) {
  return (
    <Button type="link" onClick={() => onOpen(item.applicationId)} aria-label={`${verb} ${item.memberName} ${formatYearMonth(item.month)} 的申请`}>
      {verb}
    </Button>
  );
}

const NO_WRAP = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };
const PAGE_SIZES = [20, 50, 100];

export function ReviewPage() {
  const [open, setOpen] = useState<string | undefined>();
  const [refresh, setRefresh] = useState(0);
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        提取审核
      </Typography.Title>
      <Typography.Paragraph>每笔申请需两位审核人员：一人初审，另一人复核。带风险提示的申请请逐条核实后再决定。</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'queue', label: '待审核', children: <Queue key={refresh} onOpen={setOpen} /> },
          { key: 'history', label: '已办结', children: <History onOpen={setOpen} /> },
        ]}
      />
      <DetailDrawer open={open !== undefined} onClose={() => setOpen(undefined)} title="提取申请">
        {open && (
          <WithdrawalDetail
            applicationId={open}
            actions={(application) =>
              application.status === 'PENDING_REVIEW' ? (
                <ReviewForm
                  application={application}
                  onDone={() => {
                    setOpen(undefined);
                    setRefresh((n) => n + 1);
                  }}
                />
              ) : null
            }
          />
        )}
      </DetailDrawer>
    </>
  );
}

function Queue({ onOpen }: { onOpen: (applicationId: string) => void }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // the account number is applied when complete (查询 or Enter), not at every digit typed
  const [accountText, setAccountText] = useState('');
  const [accountError, setAccountError] = useState<string>();
  const [pageSize, setPageSize] = useState(50);
  // later pages, asked for with 读取下…笔; new filters or a new page size start again from the oldest
  const [later, setLater] = useState<{ items: QueueItem[]; nextCursor?: string; loaded: boolean }>({ items: [], loaded: false });
  const [moreError, setMoreError] = useState<string>();
  const [loadingMore, setLoadingMore] = useState(false);
  const query = toQuery(filters);
  const [state, reload] = useLoad(() => call('reviewQueue', { query: { ...query, limit: String(pageSize) } }), [pageSize, JSON.stringify(query)]);
  const username = currentSession()?.username ?? '';
  const change = (next: Partial<Filters>) => {
    setLater({ items: [], loaded: false });
    setMoreError(undefined);
    setFilters((previous) => ({ ...previous, ...next }));
  };
  const applyAccount = () => {
    const text = accountText.replace(/\s+/g, '');
    if (text && !/^\d{12}$/.test(text)) return setAccountError('个人账号应为 12 位数字。');
    setAccountError(undefined);
    change({ accountNo: text });
  };

  const items = state.status === 'ready' ? [...state.data.items, ...later.items] : [];
  const nextCursor = state.status === 'ready' ? (later.loaded ? later.nextCursor : state.data.nextCursor) : undefined;
  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await call('reviewQueue', { query: { ...query, limit: String(pageSize), cursor: nextCursor } });
      setLater((previous) => ({ items: [...previous.items, ...page.items], nextCursor: page.nextCursor, loaded: true }));
      setMoreError(undefined);
    } catch (failure) {
      setMoreError(messageOf(failure));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Card>
      <Space wrap size="middle" align="end" style={{ marginBottom: 16 }} data-testid="review-filters">
        <span>
          <span id="review-stage-label" style={{ display: 'block', marginBottom: 4 }}>
            审核进度
          </span>
          <Segmented<Stage> aria-labelledby="review-stage-label" options={STAGES} value={filters.stage} onChange={(stage) => change({ stage })} data-testid="review-filter" />
        </span>
        <Checkbox checked={filters.flagged} onChange={(event) => change({ flagged: event.target.checked })} data-testid="review-flagged">
          只看有风险提示的
        </Checkbox>
        <span>
          <label htmlFor="review-account" style={{ display: 'block', marginBottom: 4 }}>
            申请人账号
          </label>
          <Input.Search
            id="review-account"
            value={accountText}
            maxLength={14}
            allowClear
            enterButton="查询"
            placeholder="12 位个人账号"
            style={{ width: 230 }}
            onChange={(event) => {
              setAccountText(event.target.value);
              // cleared with its ✕: the whole queue again
              if (event.target.value === '' && filters.accountNo) change({ accountNo: '' });
            }}
            onSearch={applyAccount}
            status={accountError ? 'error' : undefined}
            aria-describedby={accountError ? 'review-account-error' : undefined}
            data-testid="review-account"
          />
        </span>
        <span>
          <label htmlFor="review-from" style={{ display: 'block', marginBottom: 4 }}>
            申请日期从
          </label>
          <DatePicker id="review-from" value={filters.from} onChange={(from) => change({ from })} maxDate={filters.to ?? undefined} placeholder="开始日期" data-testid="review-from" />
        </span>
        <span>
          <label htmlFor="review-to" style={{ display: 'block', marginBottom: 4 }}>
            到
          </label>
          <DatePicker id="review-to" value={filters.to} onChange={(to) => change({ to })} minDate={filters.from ?? undefined} placeholder="结束日期" data-testid="review-to" />
        </span>
        <span>
          <label htmlFor="review-page-size" style={{ display: 'block', marginBottom: 4 }}>
            每次读取
          </label>
          <Select
            id="review-page-size"
            value={pageSize}
            style={{ width: 110 }}
            options={PAGE_SIZES.map((size) => ({ value: size, label: `${size} 笔` }))}
            onChange={(size) => {
              setLater({ items: [], loaded: false });
              setPageSize(size);
            }}
          />
        </span>
        {filtered(filters) && (
          <Button
            onClick={() => {
              setAccountText('');
              setAccountError(undefined);
              change(NO_FILTERS);
            }}
            data-testid="review-clear"
          >
            清除筛选
          </Button>
        )}
        <Button
          onClick={() => {
            setLater({ items: [], loaded: false });
            reload();
          }}
          data-testid="review-refresh"
        >
          刷新
        </Button>
      </Space>
      {accountError && (
        <Alert id="review-account-error" type="error" showIcon role="alert" title={accountError} style={{ marginBottom: 16 }} data-testid="review-account-error" />
      )}
      {state.status === 'loading' && <Spin description="正在读取待审核的申请…" />}
      {state.status === 'error' && (
        <Alert type="error" showIcon role="alert" title={state.message} action={<Button size="small" onClick={reload}>重试</Button>} data-testid="review-error" />
      )}
      {state.status === 'ready' && (
        <>
          <p role="status" style={{ marginTop: 0 }} data-testid="review-count">
            {filtered(filters) ? '符合筛选条件的' : '待审核的'}申请：已读取 {items.length} 笔{nextCursor ? '（还有更多）' : ''}
          </p>
          {items.length === 0 ? (
            <Empty description={filtered(filters) ? '没有符合筛选条件的申请。' : '没有待审核的申请。'} data-testid="review-empty" />
          ) : (
            <Table<QueueItem>
              size="middle"
              rowKey="applicationId"
              dataSource={items}
              pagination={false}
              columns={[
                { title: '申请人', render: (_, item) => `${item.memberName}（${item.accountNo}）`, ...NO_WRAP },
                { title: '月份', dataIndex: 'month', render: (month: string) => formatYearMonth(month), ...NO_WRAP },
                { title: '金额', dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatCurrency(fen), ...NO_WRAP },
                { title: '申请时间', dataIndex: 'createdAt', render: (at: string) => formatChinaTime(at), ...NO_WRAP },
                {
                  title: '风险提示',
                  render: (_, item) => (item.flags.length > 0 ? <Tag color="#ad4e00" variant="solid">{item.flags.length} 项</Tag> : '无'),
                  ...NO_WRAP,
                },
                {
                  title: '审核进度',
                  render: (_, item) => {
                    const turn = reviewTurn(item.firstDecision, username);
                    if (turn === 'first') return '待初审';
                    return `已初审（${item.firstDecision!.by} ${REVIEW_DECISION_LABELS[item.firstDecision!.decision]}），${turn === 'own' ? '等另一位复核' : '待您复核'}`;
                  },
                },
                {
                  title: '操作',
                  render: (_, item) => <OpenButton verb={reviewTurn(item.firstDecision, username) === 'own' ? '查看' : '审核'} item={item} onOpen={onOpen} />,
                  ...NO_WRAP,
                },
              ]}
            />
          )}
          {moreError && <Alert type="error" showIcon role="alert" title={moreError} style={{ marginTop: 16 }} />}
          {nextCursor && (
            <Button block style={{ marginTop: 16 }} loading={loadingMore} onClick={() => void loadMore()} data-testid="review-more">
              读取下 {pageSize} 笔
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

const HISTORY_STATES: { value: WithdrawalStatus; label: string }[] = [
  { value: 'PAID', label: '已到账' },
  { value: 'REJECTED', label: '未通过' },
  { value: 'PAYOUT_FAILED', label: '付款失败' },
  { value: 'CANCELLED', label: '职工撤回' },
];

function History({ onOpen }: { onOpen: (applicationId: string) => void }) {
  return (
    <StateList
      states={HISTORY_STATES}
      newestFirst
      onOpen={onOpen}
      testId="history"
      extraColumns={() => [{ title: '说明', render: (_, row) => row.rejectionReason ?? row.payoutFailure ?? '—' }]}
    />
  );
}

/** The reviewer's decision: the opinion written, then what it will do shown and confirmed before it is sent. */
function ReviewForm({ application, onDone }: { application: StaffWithdrawal; onDone: () => void }) {
  const { modal, message } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const username = currentSession()?.username ?? '';
  const first = application.firstDecision;
  const turn = reviewTurn(first, username);

  const decide = (decision: ReviewDecision) => {
    if (reason.trim().length < 2) {
      setError('请先写明审核意见（至少 2 个字）。');
      return;
    }
    setError(undefined);
    modal.confirm({
      title: `${turn === 'first' ? '初审' : '复核'}：${REVIEW_DECISION_LABELS[decision]}`,
      content: (
        <div data-testid="review-confirm">
          <p>
            {application.memberName} {application.closing ? `销户提取（${application.closing.kindLabel}）` : `${formatYearMonth(application.month)} 租房提取`} {formatCurrency(application.amountFen)}
          </p>
          <p>{reviewEffect(first, decision, application)}</p>
          <p>审核意见：{reason.trim()}</p>
        </div>
      ),
      okText: `确认${REVIEW_DECISION_LABELS[decision]}`,
      cancelText: '再看看',
      onOk: async () => {
        setBusy(true);
        try {
          const view = await call('reviewWithdrawal', { params: { applicationId: application.applicationId }, body: { decision, reason: reason.trim() } });
          void message.success(`${application.memberName}：已${turn === 'first' ? '初审' : '复核'}${REVIEW_DECISION_LABELS[decision]}，当前状态：${view.statusLabel}。`);
          onDone();
        } catch (failure) {
          setError(messageOf(failure));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  return (
    <Card size="small" title={turn === 'first' ? '初审' : turn === 'second' ? '复核' : '等待复核'} data-testid="review-form">
      <Alert type={turn === 'own' ? 'warning' : 'info'} title={reviewTurnHint(turn)} style={{ marginBottom: 12 }} data-testid="review-turn" />
      {turn !== 'own' && (
        <>
          <FieldLabel htmlFor="review-reason">审核意见</FieldLabel>
          <Input.TextArea
            id="review-reason"
            rows={2}
            maxLength={200}
            showCount
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setError(undefined);
            }}
            placeholder="例如：租赁合同与地址核实无误"
            data-testid="review-reason"
          />
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} data-testid="review-form-error" />}
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" loading={busy} onClick={() => decide('APPROVE')} data-testid="review-approve">
              同意
            </Button>
            <Button danger loading={busy} onClick={() => decide('REJECT')} data-testid="review-reject">
              不同意
            </Button>
          </Space>
        </>
      )}
    </Card>
  );
}
