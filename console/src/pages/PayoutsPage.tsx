/**
 * 付款: payouts under way (the payout worker's queue, with 对账 to have it ask the bank now), those
 * that failed (the money is back), and 人工核查 — payouts the bank has not answered within the
 * payout policy — where a reviewer records what the bank confirmed: paid, or never paid (the money
 * goes back). Nothing here pays by itself: the payout worker is the only caller of the bank.
 */
import { formatCurrency, type ResponseOf, type WithdrawalStatus } from '@hpf/shared';
import { formatChinaTime } from '@hpf/shared/src/display/certificate-facts';
import { Alert, App as AntApp, Button, Card, Empty, Input, Popconfirm, Radio, Space, Spin, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { DetailDrawer } from '../components/DetailDrawer';
import { FieldLabel } from '../components/FieldLabel';
import { StateList, type Summary } from '../components/StateList';
import { WithdrawalDetail } from '../components/WithdrawalDetail';
import { call, messageOf } from '../lib/api';
import { useLoad } from '../lib/use-load';

type Check = ResponseOf<'manualChecks'>['items'][number];
type Outcome = 'PAID' | 'NOT_PAID';

const NO_WRAP = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };

const MOVING: { value: WithdrawalStatus; label: string }[] = [
  { value: 'PAYING', label: '付款中' },
  { value: 'APPROVED', label: '等待付款' },
];
const FAILED: { value: WithdrawalStatus; label: string }[] = [{ value: 'PAYOUT_FAILED', label: '付款失败' }];

const OUTCOME_EFFECT: Record<Outcome, string> = {
  PAID: '登记为已转出：申请记为已到账，职工会收到到账提醒。',
  NOT_PAID: '登记为没有转出：钱退回职工的公积金账户，申请记为付款失败。',
};

/** 对账: asks the payout worker to look this payout up at the bank now (a lookup first, never a blind resend). */
function ReconcileButton({ applicationId, memberName, onDone }: { applicationId: string; memberName: string; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Popconfirm
      title="对账"
      description="请付款程序马上向银行查询这笔付款：先查询，银行没有收到才重发，不会重复付款。"
      okText="确认对账"
      cancelText="取消"
      onConfirm={async () => {
        setBusy(true);
        try {
          const view = await call('reconcileWithdrawal', { params: { applicationId } });
          void message.success(`${memberName}：已请付款程序查询，当前状态：${view.statusLabel}。`);
          onDone();
        } catch (failure) {
          void message.error(messageOf(failure));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button type="link" loading={busy} aria-label={`对账 ${memberName} 的付款`}>
        对账
      </Button>
    </Popconfirm>
  );
}

export function PayoutsPage() {
  const [open, setOpen] = useState<string | undefined>();
  const moving = (reload: () => void) => [
    { title: '尝试次数', render: (_: unknown, row: Summary) => `${row.attempts ?? 0} 次`, ...NO_WRAP },
    { title: '下次查询', render: (_: unknown, row: Summary) => (row.nextAttemptAt ? formatChinaTime(row.nextAttemptAt) : '—'), ...NO_WRAP },
    {
      title: '对账',
      render: (_: unknown, row: Summary) => <ReconcileButton applicationId={row.applicationId} memberName={row.memberName} onDone={reload} />,
      ...NO_WRAP,
    },
  ];
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        付款
      </Typography.Title>
      <Typography.Paragraph>付款由付款程序向银行发出。银行在规定次数和时间内没有给出结果的付款进入人工核查，请与银行核实后登记结果。</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'checks', label: '人工核查', children: <ManualChecks onOpen={setOpen} /> },
          { key: 'moving', label: '付款中', children: <StateList states={MOVING} onOpen={setOpen} testId="payouts-moving" extraColumns={moving} /> },
          {
            key: 'failed',
            label: '付款失败',
            children: (
              <StateList
                states={FAILED}
                onOpen={setOpen}
                testId="payouts-failed"
                extraColumns={() => [{ title: '原因', render: (_: unknown, row: Summary) => row.payoutFailure ?? '—' }]}
              />
            ),
          },
        ]}
      />
      <DetailDrawer open={open !== undefined} onClose={() => setOpen(undefined)} title="提取申请">
        {open && <WithdrawalDetail applicationId={open} />}
      </DetailDrawer>
    </>
  );
}

function ManualChecks({ onOpen }: { onOpen: (applicationId: string) => void }) {
  const [state, reload] = useLoad(() => call('manualChecks'), []);
  const [resolving, setResolving] = useState<Check | undefined>();
  if (state.status === 'loading') return <Spin description="正在读取人工核查…" />;
  if (state.status === 'error')
    return <Alert type="error" showIcon role="alert" title={state.message} action={<Button size="small" onClick={reload}>重试</Button>} />;
  return (
    <Card>
      <Space style={{ marginBottom: 16 }}>
        <Button onClick={reload}>刷新</Button>
        <span role="status">共 {state.data.items.length} 笔待核查</span>
      </Space>
      {state.data.items.length === 0 ? (
        <Empty description="没有待人工核查的付款。" data-testid="checks-empty" />
      ) : (
        <Table<Check>
          size="middle"
          rowKey="applicationId"
          pagination={false}
          dataSource={state.data.items}
          data-testid="checks-table"
          columns={[
            { title: '申请人', render: (_, row) => `${row.memberName}（${row.accountNo}）`, ...NO_WRAP },
            { title: '金额', dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatCurrency(fen), ...NO_WRAP },
            { title: '收款银行卡', dataIndex: 'bankCardMasked', ...NO_WRAP },
            { title: '开始付款', dataIndex: 'payingSince', render: (at: string) => formatChinaTime(at), ...NO_WRAP },
            { title: '尝试次数', dataIndex: 'attempts', render: (n: number) => `${n} 次`, ...NO_WRAP },
            {
              title: '操作',
              render: (_, row) => (
                <Space size={0}>
                  <Button type="link" onClick={() => setResolving(row)} aria-label={`登记核实结果：${row.memberName}`}>
                    登记核实结果
                  </Button>
                  <ReconcileButton applicationId={row.applicationId} memberName={row.memberName} onDone={reload} />
                  <Button type="link" onClick={() => onOpen(row.applicationId)} aria-label={`查看 ${row.memberName} 的申请`}>
                    查看
                  </Button>
                </Space>
              ),
              ...NO_WRAP,
            },
          ]}
        />
      )}
      {resolving && (
        <ResolveForm
          check={resolving}
          onClose={(done) => {
            setResolving(undefined);
            if (done) reload();
          }}
        />
      )}
    </Card>
  );
}

/** What the bank confirmed, with the reason, shown with what it will do and confirmed before it is sent. */
function ResolveForm({ check, onClose }: { check: Check; onClose: (done: boolean) => void }) {
  const { modal, message } = AntApp.useApp();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    if (!outcome) return setError('请选择银行核实的结果。');
    if (reason.trim().length < 2) return setError('请写明与银行核实的情况（至少 2 个字）。');
    setError(undefined);
    modal.confirm({
      title: '登记人工核查结果',
      content: (
        <div data-testid="resolve-confirm">
          <p>
            {check.memberName} {formatCurrency(check.amountFen)}（收款卡 {check.bankCardMasked}）
          </p>
          <p>{OUTCOME_EFFECT[outcome]}</p>
          <p>核实情况：{reason.trim()}</p>
        </div>
      ),
      okText: '确认登记',
      cancelText: '再看看',
      onOk: async () => {
        try {
          const view = await call('resolveManualCheck', { params: { applicationId: check.applicationId }, body: { outcome, reason: reason.trim() } });
          void message.success(`${check.memberName}：已登记，当前状态：${view.statusLabel}。`);
          onClose(true);
        } catch (failure) {
          setError(messageOf(failure));
        }
      },
    });
  };
  return (
    <DetailDrawer open onClose={() => onClose(false)} width={520} title={`人工核查：${check.memberName} ${formatCurrency(check.amountFen)}`}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="resolve-form">
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 15, marginBottom: 8 }}>银行核实的结果</legend>
          <Radio.Group value={outcome} onChange={(event) => setOutcome(event.target.value as Outcome)}>
            <Space orientation="vertical">
              <Radio value="PAID">已转出（钱已到职工的银行卡）</Radio>
              <Radio value="NOT_PAID">没有转出（钱退回公积金账户）</Radio>
            </Space>
          </Radio.Group>
        </fieldset>
        <div>
          <FieldLabel htmlFor="resolve-reason">核实情况</FieldLabel>
          <Input.TextArea id="resolve-reason" rows={3} maxLength={200} showCount value={reason} onChange={(event) => setReason(event.target.value)} placeholder="例如：已电话联系开户行，确认该笔未入账" />
        </div>
        {outcome && <Alert type="info" title={OUTCOME_EFFECT[outcome]} />}
        {error && <Alert type="error" showIcon role="alert" title={error} />}
        <Button type="primary" onClick={submit} data-testid="resolve-submit">
          登记结果
        </Button>
      </Space>
    </DetailDrawer>
  );
}
