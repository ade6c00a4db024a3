/**
 * 封存 / 启封 / 销户 for the account clerk, each with its reason, shown and confirmed before it is
 * sent; only the change the account's state allows is offered (the API refuses the others anyway).
 */
import { formatCurrency, parseYuan, SEAL_REASON_LABELS, type ResponseOf, type SealReason } from '@hpf/shared';
import { formatRate, parsePercent } from '@hpf/shared/src/display/format';
import { Alert, App as AntApp, Button, Card, Checkbox, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { call, messageOf } from '../lib/api';

type Account = ResponseOf<'staffAccount'>;
type Change = 'sealAccount' | 'unsealAccount' | 'closeAccount';

const LABELS: Record<Change, string> = { sealAccount: '封存', unsealAccount: '启封', closeAccount: '销户' };

/** 启封 at a new employer: its name, base (元) and rates (%), as the API takes them. */
interface NewTerms {
  employer: string;
  depositBaseFen: number;
  unitRateBasisPoints: number;
  personalRateBasisPoints: number;
}

function effect(change: Change, account: Account, sealReason: SealReason, terms?: NewTerms): string {
  if (change === 'sealAccount') return `封存后不再缴存（原因：${SEAL_REASON_LABELS[sealReason]}），余额 ${formatCurrency(account.balanceFen)} 留在账户里。`;
  if (change === 'unsealAccount' && terms) {
    return `启封后在新单位 ${terms.employer} 缴存：缴存基数 ${formatCurrency(terms.depositBaseFen)}，比例 ${formatRate(terms.unitRateBasisPoints)} / ${formatRate(terms.personalRateBasisPoints)}（单位 / 个人）。`;
  }
  if (change === 'unsealAccount') return `启封后恢复缴存，按原单位 ${account.employer} 和原缴存基数、比例。`;
  return '销户后账户不能再使用，也不能恢复。';
}

export function AccountActions({ account, onChanged }: { account: Account; onChanged: (next: Account) => void }) {
  const { modal, message } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [sealReason, setSealReason] = useState<SealReason>('LEFT_JOB');
  const [error, setError] = useState<string>();
  const [newEmployer, setNewEmployer] = useState(false);
  const [terms, setTerms] = useState({ employer: '', baseYuan: '', unitPercent: '', personalPercent: '' });
  const offered: Change[] =
    account.status === 'NORMAL' ? ['sealAccount', ...(account.balanceFen === 0 ? (['closeAccount'] as const) : [])] : account.status === 'SEALED' ? ['unsealAccount', ...(account.balanceFen === 0 ? (['closeAccount'] as const) : [])] : [];
  if (offered.length === 0) return null;

  /** The new employer's terms checked in words, or the words of what is wrong. */
  const newTerms = (): NewTerms | string => {
    if (terms.employer.trim().length < 2) return '请填写新单位名称。';
    const depositBaseFen = parseYuan(terms.baseYuan);
    if (depositBaseFen === undefined) return '请按元填写缴存基数，最多两位小数，例如 8000 或 8,000.50。';
    const unitRateBasisPoints = parsePercent(terms.unitPercent);
    const personalRateBasisPoints = parsePercent(terms.personalPercent);
    if (unitRateBasisPoints === undefined || personalRateBasisPoints === undefined) return '请按 % 填写比例，最多两位小数，例如 12 或 7.5。';
    return { employer: terms.employer.trim(), depositBaseFen, unitRateBasisPoints, personalRateBasisPoints };
  };

  const ask = (change: Change) => {
    if (reason.trim().length < 2) return setError('请先写明办理原因（至少 2 个字）。');
    const atNewEmployer = change === 'unsealAccount' && newEmployer ? newTerms() : undefined;
    if (typeof atNewEmployer === 'string') return setError(atNewEmployer);
    setError(undefined);
    modal.confirm({
      title: `${LABELS[change]}：${account.name}（${account.accountNo}）`,
      content: (
        <div data-testid="account-change-confirm">
          <p>{effect(change, account, sealReason, atNewEmployer)}</p>
          <p>办理原因：{reason.trim()}</p>
        </div>
      ),
      okText: `确认${LABELS[change]}`,
      cancelText: '再看看',
      onOk: async () => {
        try {
          const next = await call(change, {
            params: { accountNo: account.accountNo },
            body: { reason: reason.trim(), ...(change === 'sealAccount' ? { sealReason } : {}), ...(atNewEmployer ?? {}) },
          });
          void message.success(`${account.name}：已${LABELS[change]}。`);
          setReason('');
          setNewEmployer(false);
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
      {offered.includes('unsealAccount') && (
        <div style={{ marginTop: 12 }}>
          <Checkbox checked={newEmployer} onChange={(event) => setNewEmployer(event.target.checked)} data-testid="unseal-new-employer">
            到新单位启封（登记新单位和缴存基数、比例）
          </Checkbox>
          {newEmployer && (
            <Space wrap align="start" size="large" style={{ marginTop: 12 }}>
              {(
                [
                  ['employer', '新单位名称', 360, '例如：浦江数据服务有限公司'],
                  ['baseYuan', '缴存基数（元）', 160, '例如 8000'],
                  ['unitPercent', '单位比例（%）', 120, '例如 12'],
                  ['personalPercent', '个人比例（%）', 120, '例如 12'],
                ] as const
              ).map(([field, label, width, placeholder]) => (
                <span key={field}>
                  <label htmlFor={`unseal-${field}`} style={{ display: 'block', marginBottom: 8 }}>
                    {label}
                  </label>
                  <Input
                    id={`unseal-${field}`}
                    value={terms[field]}
                    style={{ width }}
                    placeholder={placeholder}
                    onChange={(event) => setTerms((previous) => ({ ...previous, [field]: event.target.value }))}
                    data-testid={`unseal-${field}`}
                  />
                </span>
              ))}
            </Space>
          )}
        </div>
      )}
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
