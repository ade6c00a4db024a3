/**
 * 封存 / 启封 / 销户 for the account clerk, each with its reason, shown and confirmed before it is
 * sent; only the change the account's state allows is offered (the API refuses the others anyway).
 */
import { formatCurrency, SEAL_REASON_LABELS, type ResponseOf, type SealReason } from '@hpf/shared';
import { Alert, App as AntApp, Button, Card, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { call, messageOf } from '../lib/api';

type Account = ResponseOf<'staffAccount'>;
type Change = 'sealAccount' | 'unsealAccount' | 'closeAccount';

const LABELS: Record<Change, string> = { sealAccount: '封存', unsealAccount: '启封', closeAccount: '销户' };

function effect(change: Change, account: Account, sealReason: SealReason): string {
  if (change === 'sealAccount') return `封存后不再缴存（原因：${SEAL_REASON_LABELS[sealReason]}），余额 ${formatCurrency(account.balanceFen)} 留在账户里。`;
  if (change === 'unsealAccount') return `启封后恢复缴存，按原单位 ${account.employer} 和原缴存基数、比例。`;
  return '销户后账户不能再使用，也不能恢复。';
}

export function AccountActions({ account, onChanged }: { account: Account; onChanged: (next: Account) => void }) {
  const { modal, message } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [sealReason, setSealReason] = useState<SealReason>('LEFT_JOB');
  const [error, setError] = useState<string>();
  const offered: Change[] =
    account.status === 'NORMAL' ? ['sealAccount', ...(account.balanceFen === 0 ? (['closeAccount'] as const) : [])] : account.status === 'SEALED' ? ['unsealAccount', ...(account.balanceFen === 0 ? (['closeAccount'] as const) : [])] : [];
  if (offered.length === 0) return null;

  const ask = (change: Change) => {
    if (reason.trim().length < 2) return setError('请先写明办理原因（至少 2 个字）。');
    setError(undefined);
    modal.confirm({
      title: `${LABELS[change]}：${account.name}（${account.accountNo}）`,
      content: (
        <div data-testid="account-change-confirm">
          <p>{effect(change, account, sealReason)}</p>
          <p>办理原因：{reason.trim()}</p>
        </div>
      ),
      okText: `确认${LABELS[change]}`,
      cancelText: '再看看',
      onOk: async () => {
        try {
          const next = await call(change, {
            params: { accountNo: account.accountNo },
            body: { reason: reason.trim(), ...(change === 'sealAccount' ? { sealReason } : {}) },
          });
          void message.success(`${account.name}：已${LABELS[change]}。`);
          setReason('');
          onChanged(next);
        } catch (failure) {
          setError(messageOf(failure));
        }
      },
    });
  };

  return (
    <Card size="small" title="账户变更" style={{ marginTop: 16 }} data-testid="account-actions">
      <Space wrap align="start" size="large">
        <span>
          <label htmlFor="change-reason" style={{ display: 'block', marginBottom: 8 }}>
            办理原因
          </label>
          <Input id="change-reason" value={reason} maxLength={200} style={{ width: 360 }} placeholder="例如：单位出具离职证明" onChange={(event) => setReason(event.target.value)} data-testid="change-reason" />
        </span>
        {offered.includes('sealAccount') && (
          <span>
            <label htmlFor="seal-reason" style={{ display: 'block', marginBottom: 8 }}>
              封存原因
            </label>
            <Select<SealReason>
              id="seal-reason"
              value={sealReason}
              style={{ width: 160 }}
              onChange={setSealReason}
              options={Object.entries(SEAL_REASON_LABELS).map(([value, label]) => ({ value: value as SealReason, label }))}
            />
          </span>
        )}
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} data-testid="account-change-error" />}
      <Space style={{ marginTop: 12 }}>
        {offered.map((change) => (
          <Button key={change} danger={change === 'closeAccount'} onClick={() => ask(change)} data-testid={`account-${change}`}>
            {LABELS[change]}
          </Button>
        ))}
      </Space>
    </Card>
  );
}
