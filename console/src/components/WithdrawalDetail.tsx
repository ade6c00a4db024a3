/**
 * One application whole, as reviewers and payout staff read it: whose, how much, the risk flags,
 * the lease, both decisions, every step, and the member's other applications. `actions` is what the
 * page that opened it lets its reader do (review, reconcile).
 */
import { formatCurrency, type ResponseOf } from '@hpf/shared';
import { formatChinaTime } from '@hpf/shared/src/display/certificate-facts';
import { formatYearMonth } from '@hpf/shared/src/display/format';
import { REVIEW_DECISION_LABELS } from '@hpf/shared/src/display/review';
import { Alert, Button, Descriptions, Empty, Space, Spin, Table, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { call } from '../lib/api';
import { useLoad } from '../lib/use-load';
import { WithdrawalStatusTag } from './WithdrawalStatusTag';

export type StaffWithdrawal = ResponseOf<'staffWithdrawal'>;
type Summary = StaffWithdrawal['history'][number];

const NO_WRAP = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };

export function WithdrawalDetail({ applicationId, actions }: { applicationId: string; actions?: (application: StaffWithdrawal, reload: () => void) => ReactNode }) {
  const [state, reload] = useLoad(() => call('staffWithdrawal', { params: { applicationId } }), [applicationId]);
  if (state.status === 'loading') return <Spin description="正在读取申请…" />;
  if (state.status === 'error')
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={state.message}
        action={
          <Button size="small" onClick={reload}>
            重试
          </Button>
        }
      />
    );
  const a = state.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="withdrawal-detail">
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'who', label: '申请人', children: `${a.memberName}（${a.accountNo}）` },
          { key: 'status', label: '状态', children: <WithdrawalStatusTag status={a.status} label={a.statusLabel} /> },
          { key: 'kind', label: '提取类型', children: `租房提取 · ${formatYearMonth(a.month)}` },
          { key: 'amount', label: '申请金额', children: <strong>{formatCurrency(a.amountFen)}</strong> },
          { key: 'card', label: '收款银行卡', children: a.bankCardMasked },
          { key: 'created', label: '申请时间', children: formatChinaTime(a.createdAt) },
          ...(a.rejectionReason ? [{ key: 'rejected', label: '未通过原因', span: 2, children: a.rejectionReason }] : []),
          ...(a.payoutFailure ? [{ key: 'failure', label: '付款失败原因', span: 2, children: a.payoutFailure }] : []),
        ]}
      />

      <section aria-labelledby="detail-flags">
        <Typography.Title level={3} id="detail-flags" style={{ fontSize: 16 }}>
          风险提示
        </Typography.Title>
        {a.flags.length === 0 ? (
          <Typography.Text data-testid="detail-no-flags">无风险提示</Typography.Text>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="detail-flags">
            {a.flags.map((flag) => (
              <Alert key={flag.code} type="warning" showIcon title={flag.reason} />
            ))}
          </Space>
        )}
      </section>

      {/* a counter 销户提取: the kind, who is paid, the documents the clerk saw, the figures */}
      {a.closing && (
        <section aria-labelledby="detail-closing">
          <Typography.Title level={3} id="detail-closing" style={{ fontSize: 16 }}>
            销户提取：{a.closing.kindLabel}
          </Typography.Title>
          <Descriptions
            bordered
            size="small"
            column={2}
            data-testid="detail-closing"
            items={[
              { key: 'payee', label: '收款人', children: `${a.closing.payeeName}${a.closing.payeeRelation ? `（${a.closing.payeeRelation}）` : ''}` },
              { key: 'card', label: '收款银行卡', children: a.closing.bankCardMasked },
              { key: 'balance', label: '账户余额', children: formatCurrency(a.closing.balanceFen) },
              { key: 'interest', label: '销户结息', children: formatCurrency(a.closing.closingInterestFen) },
              ...(a.closing.loanRepaymentFen > 0 ? [{ key: 'loan', label: '先偿还公积金贷款', children: formatCurrency(a.closing.loanRepaymentFen) }] : []),
              { key: 'started', label: '柜台受理', children: a.closing.startedBy },
              { key: 'documents', label: '已核验材料', span: 2, children: a.closing.documentsSeen.join('、') },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            通过后付款到收款人的银行卡，账户随即销户。
          </Typography.Paragraph>
          {/* 身后一件事: the 销户凭证 is the heir's, printed here (never sent to the member's WeChat) */}
          {a.closing.heirCertificate && (
            <Alert
              type="success"
              showIcon
              style={{ marginTop: 12 }}
              data-testid="detail-heir-certificate"
              title="销户凭证（交继承人）"
              description={
                <Space direction="vertical">
                  <span>{a.closing.heirCertificate.words}</span>
                  <Button onClick={() => window.print()} data-testid="detail-heir-certificate-print">
                    打印销户凭证
                  </Button>
                </Space>
              }
            />
          )}
        </section>
      )}

      {/* a retirement withdrawal (离退休提取) has no lease */}
      {a.lease && (
      <section aria-labelledby="detail-lease">
        <Typography.Title level={3} id="detail-lease" style={{ fontSize: 16 }}>
          租房信息
        </Typography.Title>
        <Descriptions
          bordered
          size="small"
          column={2}
          data-testid="detail-lease"
          items={[
            { key: 'address', label: '租住地址', span: 2, children: a.lease.address },
            { key: 'landlord', label: '房东', children: a.lease.landlordName },
            { key: 'landlordAccount', label: '房东收款账号', children: a.lease.landlordAccount },
            { key: 'rent', label: '月租金', children: formatCurrency(a.lease.monthlyRentFen) },
            { key: 'contract', label: '备案合同编号', children: a.lease.registeredContractNo ?? '未备案' },
          ]}
        />
      </section>
      )}

      <section aria-labelledby="detail-review">
        <Typography.Title level={3} id="detail-review" style={{ fontSize: 16 }}>
          审核记录
        </Typography.Title>
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="detail-decisions"
          items={[
            {
              key: 'first',
              label: '初审',
              children: a.firstDecision
                ? `${a.firstDecision.by} ${REVIEW_DECISION_LABELS[a.firstDecision.decision]}（${formatChinaTime(a.firstDecision.at)}）：${a.firstDecision.reason}`
                : '尚未初审',
            },
            {
              key: 'second',
              label: '复核',
              children: a.secondDecision ? `${a.secondDecision.by}（${formatChinaTime(a.secondDecision.at)}）：${a.secondDecision.reason}` : '尚未复核',
            },
          ]}
        />
      </section>

      {actions?.(a, reload)}

      <section aria-labelledby="detail-steps">
        <Typography.Title level={3} id="detail-steps" style={{ fontSize: 16 }}>
          办理经过
        </Typography.Title>
        <Timeline
          items={a.timeline.map((step, index) => ({
            key: index,
            content: (
              <>
                <div>
                  {step.label}　{formatChinaTime(step.at)}
                </div>
                {step.note && <Typography.Text type="secondary">{step.note}</Typography.Text>}
              </>
            ),
          }))}
        />
      </section>

      <section aria-labelledby="detail-history">
        <Typography.Title level={3} id="detail-history" style={{ fontSize: 16 }}>
          这位职工的其他申请
        </Typography.Title>
        {a.history.length === 0 ? (
          <Empty description="没有其他申请" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Table<Summary>
            size="small"
            rowKey="applicationId"
            pagination={false}
            dataSource={a.history}
            data-testid="detail-history"
            columns={[
              { title: '月份', dataIndex: 'month', render: (month: string) => formatYearMonth(month), ...NO_WRAP },
              { title: '金额', dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatCurrency(fen), ...NO_WRAP },
              { title: '状态', render: (_, row) => <WithdrawalStatusTag status={row.status} label={row.statusLabel} /> },
              { title: '申请时间', dataIndex: 'createdAt', render: (at: string) => formatChinaTime(at), ...NO_WRAP },
              { title: '说明', render: (_, row) => row.rejectionReason ?? row.payoutFailure ?? '—' },
            ]}
          />
        )}
      </section>
    </Space>
  );
}
