/**
 * An account's ledger and audit trail on 账户查询, each newest first a page at a time; the trail only
 * for the roles the catalogue gives it (auditors and account clerks).
 */
import { formatCurrency, routes, type ResponseOf } from '@hpf/shared';
import { formatChinaTime } from '@hpf/shared/src/display/certificate-facts';
import { formatDate } from '@hpf/shared/src/display/format';
import { Alert, Button, Card, Empty, Space, Spin, Table, Tabs } from 'antd';
import { useState, type ReactNode } from 'react';
import { call } from '../lib/api';
import { currentSession } from '../lib/session';
import { useLoad, type Load } from '../lib/use-load';

type Entry = ResponseOf<'staffAccountLedger'>['entries'][number];
type AuditRecord = ResponseOf<'accountAuditTrail'>['records'][number];

const NO_WRAP = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };

/** A cursor-paged read: the cursors walked so far, so 上一页 goes back. */
function usePages<T extends { nextCursor?: string }>(read: (cursor?: string) => Promise<T>, deps: readonly unknown[]) {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const [state, reload] = useLoad(() => read(cursor), [...deps, cursor]);
  // shown once a page is read: a button switching from disabled while it loads would animate its
  // colour through shades too light to read (and axe catches it mid-way)
  const pager = (testId: string) => state.status === 'ready' && (
    <Space style={{ marginTop: 12 }}>
      <Button disabled={cursors.length === 0} onClick={() => setCursors((previous) => previous.slice(0, -1))}>
        上一页
      </Button>
      <Button
        disabled={!state.data.nextCursor}
        onClick={() => state.data.nextCursor && setCursors((previous) => [...previous, state.data.nextCursor!])}
        data-testid={`${testId}-next`}
      >
        下一页
      </Button>
    </Space>
  );
  return { state, reload, pager, first: cursors.length === 0 };
}

function Loaded<T>({ state, reload, children }: { state: Load<T>; reload: () => void; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Spin description="正在读取…" />;
  if (state.status === 'error') return <Alert type="error" showIcon role="alert" title={state.message} action={<Button size="small" onClick={reload}>重试</Button>} />;
  return <>{children(state.data)}</>;
}

function LedgerTab({ accountNo }: { accountNo: string }) {
  const { state, reload, pager, first } = usePages((cursor) => call('staffAccountLedger', { params: { accountNo }, query: { limit: '20', ...(cursor ? { cursor } : {}) } }), [accountNo]);
  return (
    <div data-testid="account-ledger">
      <Loaded state={state} reload={reload}>
        {(page) =>
          page.entries.length === 0 ? (
            <Empty description={first ? '还没有明细。' : '没有更早的明细了。'} />
          ) : (
            <Table<Entry>
              size="small"
              rowKey="entryId"
              pagination={false}
              dataSource={page.entries}
              columns={[
                { title: '序号', dataIndex: 'entryId', render: (id: string) => Number(id), ...NO_WRAP },
                { title: '记账日期', dataIndex: 'valueDate', render: (date: string) => formatDate(date), ...NO_WRAP },
                { title: '类型', dataIndex: 'kindLabel', ...NO_WRAP },
                { title: '摘要', dataIndex: 'description' },
                { title: '金额', dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatCurrency(fen), ...NO_WRAP },
                { title: '余额', dataIndex: 'balanceAfterFen', align: 'right', render: (fen: number) => formatCurrency(fen), ...NO_WRAP },
              ]}
            />
          )
        }
      </Loaded>
      {pager('account-ledger')}
    </div>
  );
}

function AuditTab({ accountNo }: { accountNo: string }) {
  const { state, reload, pager, first } = usePages((cursor) => call('accountAuditTrail', { params: { accountNo }, query: { limit: '20', ...(cursor ? { cursor } : {}) } }), [accountNo]);
  return (
    <div data-testid="account-audit">
      <Loaded state={state} reload={reload}>
        {(page) =>
          page.records.length === 0 ? (
            <Empty description={first ? '还没有操作记录。' : '没有更早的操作记录了。'} />
          ) : (
            <Table<AuditRecord>
              size="small"
              rowKey={(record) => `${record.time}-${record.action}`}
              pagination={false}
              dataSource={page.records}
              columns={[
                { title: '时间', dataIndex: 'time', render: (time: string) => formatChinaTime(time), ...NO_WRAP },
                { title: '操作', dataIndex: 'label', ...NO_WRAP },
                { title: '经办人', dataIndex: 'actor', ...NO_WRAP },
                { title: '原因', dataIndex: 'reason', render: (reason?: string) => reason ?? '—' },
                { title: '说明', dataIndex: 'note', render: (note?: string) => note ?? '—' },
              ]}
            />
          )
        }
      </Loaded>
      {pager('account-audit')}
    </div>
  );
}

export function AccountHistory({ accountNo }: { accountNo: string }) {
  const roles = currentSession()?.roles ?? [];
  const mayReadTrail = (routes.accountAuditTrail.roles as readonly string[]).some((role) => roles.includes(role as never));
  return (
    <Card style={{ marginTop: 16 }}>
      <Tabs
        items={[
          { key: 'ledger', label: '账户明细', children: <LedgerTab accountNo={accountNo} /> },
          ...(mayReadTrail ? [{ key: 'audit', label: '操作记录', children: <AuditTab accountNo={accountNo} /> }] : []),
        ]}
      />
    </Card>
  );
}
