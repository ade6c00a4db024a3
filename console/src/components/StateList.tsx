/** Applications in one state, a page at a time (processed history, payouts under way or failed). */
import { formatCurrency, type ResponseOf, type WithdrawalStatus } from '@hpf/shared';
import { formatChinaTime } from '@hpf/shared/src/display/certificate-facts';
import { formatYearMonth } from '@hpf/shared/src/display/format';
import { Alert, Button, Card, Empty, Segmented, Space, Spin, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { call } from '../lib/api';
import { useLoad } from '../lib/use-load';
import { WithdrawalStatusTag } from './WithdrawalStatusTag';

export type Summary = ResponseOf<'staffWithdrawals'>['items'][number];

const NO_WRAP = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };

export function StateList({
  states,
  onOpen,
  testId,
  newestFirst = false,
  extraColumns = () => [],
}: {
  states: { value: WithdrawalStatus; label: string }[];
  /** The latest first (processed history); otherwise the queue's order, oldest first. */
  newestFirst?: boolean;
  onOpen: (applicationId: string) => void;
  testId: string;
  /** Columns of the page that shows the list; `reload` reads the page again after an action. */
  extraColumns?: (reload: () => void) => TableColumnsType<Summary>;
}) {
  const [status, setStatus] = useState<WithdrawalStatus>(states[0].value);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const [state, reload] = useLoad(() => call('staffWithdrawals', { query: { status, limit: '20', ...(newestFirst ? { order: 'newest' as const } : {}), ...(cursor ? { cursor } : {}) } }), [status, cursor]);
  return (
    <Card>
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        <span>
          <span id={`${testId}-state-label`} style={{ marginRight: 8 }}>
            状态
          </span>
          <Segmented<WithdrawalStatus>
            aria-labelledby={`${testId}-state-label`}
            options={states}
            value={status}
            onChange={(next) => {
              setCursors([]);
              setStatus(next);
            }}
            data-testid={`${testId}-state`}
          />
        </span>
        <Button onClick={reload}>刷新</Button>
        {newestFirst && <span data-testid={`${testId}-order`}>按申请时间排列，最新的在前</span>}
      </Space>
      {state.status === 'loading' && <Spin description="正在读取…" />}
      {state.status === 'error' && (
        <Alert type="error" showIcon role="alert" title={state.message} action={<Button size="small" onClick={reload}>重试</Button>} />
      )}
      {state.status === 'ready' &&
        (state.data.items.length === 0 ? (
          <Empty description={cursor ? '没有更多了。' : '没有这个状态的申请。'} data-testid={`${testId}-empty`} />
        ) : (
          <Table<Summary>
            size="middle"
            rowKey="applicationId"
            pagination={false}
            dataSource={state.data.items}
            data-testid={`${testId}-table`}
            columns={[
              { title: '申请人', render: (_, row) => `${row.memberName}（${row.accountNo}）`, ...NO_WRAP },
              { title: '月份', dataIndex: 'month', render: (month: string) => formatYearMonth(month), ...NO_WRAP },
              { title: '金额', dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatCurrency(fen), ...NO_WRAP },
              { title: '状态', render: (_, row) => <WithdrawalStatusTag status={row.status} label={row.statusLabel} />, ...NO_WRAP },
              { title: '进入此状态', dataIndex: 'updatedAt', render: (at: string) => formatChinaTime(at), ...NO_WRAP },
              ...extraColumns(reload),
              {
                title: '操作',
                render: (_, row) => (
                  <Button type="link" onClick={() => onOpen(row.applicationId)} aria-label={`查看 ${row.memberName} ${formatYearMonth(row.month)} 的申请`}>
                    查看
                  </Button>
                ),
                ...NO_WRAP,
              },
            ]}
          />
        ))}
      <Space style={{ marginTop: 16 }}>
        <Button disabled={cursors.length === 0} onClick={() => setCursors((previous) => previous.slice(0, -1))}>
          上一页
        </Button>
        <Button
          disabled={state.status !== 'ready' || !state.data.nextCursor}
          onClick={() => state.status === 'ready' && state.data.nextCursor && setCursors((previous) => [...previous, state.data.nextCursor!])}
          data-testid={`${testId}-next`}
        >
          下一页
        </Button>
      </Space>
    </Card>
  );
}

