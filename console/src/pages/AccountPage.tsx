/** 账户查询: one account by its number, as the counter and the back office read it. */
import { ACCOUNT_STATE_LABELS, formatCurrency, routes, type ResponseOf } from '@hpf/shared';
import { formatRate, formatYearMonth } from '@hpf/shared/src/display/format';
import { Alert, Card, Descriptions, Input, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { AccountActions } from '../components/AccountActions';
import { FieldLabel } from '../components/FieldLabel';
import { currentSession } from '../lib/session';
import { ApiError, call, messageOf } from '../lib/api';

type Account = ResponseOf<'staffAccount'>;
type State = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; account: Account } | { status: 'error'; message: string };

const ACCOUNT_NO = /^\d{12}$/;

/** Solid tags with white text: antd's light preset tags fall short of AA contrast. */
const STATE_COLOURS: Record<keyof typeof ACCOUNT_STATE_LABELS, string> = {
  NORMAL: '#237804',
  SEALED: '#ad4e00',
  FROZEN: '#a8071a',
  CLOSED: '#595959',
};

export function AccountPage() {
  const [state, setState] = useState<State>({ status: 'idle' });
  // 封存 / 启封 / 销户 are the account clerk's (the catalogue's roles); others only read
  const canChange = (currentSession()?.roles ?? []).some((role) => (routes.sealAccount.roles as readonly string[]).includes(role));

  const search = async (value: string) => {
    const accountNo = value.trim();
    if (!ACCOUNT_NO.test(accountNo)) {
      setState({ status: 'error', message: '个人账号应为 12 位数字。' });
      return;
    }
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', account: await call('staffAccount', { params: { accountNo } }) });
    } catch (failure) {
      setState({
        status: 'error',
        message: failure instanceof ApiError && failure.code === 'ACCOUNT_NOT_FOUND' ? `没有个人账号为 ${accountNo} 的账户。` : messageOf(failure),
      });
    }
  };

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        账户查询
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <FieldLabel htmlFor="account-no">个人账号</FieldLabel>
        <Input.Search
          id="account-no"
          size="large"
          enterButton="查询"
          maxLength={12}
          inputMode="numeric"
          placeholder="请输入 12 位个人账号"
          onSearch={(value) => void search(value)}
          loading={state.status === 'loading'}
          style={{ maxWidth: 420 }}
          data-testid="account-search"
        />
      </Card>
      {state.status === 'idle' && <Alert type="info" title="输入个人账号后查询。" />}
      {state.status === 'loading' && <Spin description="正在查询…" />}
      {state.status === 'error' && <Alert type="error" showIcon title={state.message} role="alert" data-testid="account-error" />}
      {state.status === 'ready' && (
        <>
          <AccountCard account={state.account} />
          {canChange && <AccountActions account={state.account} onChanged={(account) => setState({ status: 'ready', account })} />}
        </>
      )}
    </>
  );
}

function AccountCard({ account }: { account: Account }) {
  const state = account.frozen ? 'FROZEN' : account.status;
  const months = account.depositedMonths.map(([from, to]) => (from === to ? formatYearMonth(from) : `${formatYearMonth(from)} 至 ${formatYearMonth(to)}`));
  return (
    <Card
      title={`${account.name}　${account.accountNo}`}
      extra={<Tag color={STATE_COLOURS[state]} variant="solid">{ACCOUNT_STATE_LABELS[state]}</Tag>}
      data-testid="account-card"
    >
      <Descriptions
        bordered
        column={2}
        size="small"
        items={[
          { key: 'id', label: '身份证号', children: account.idNumberMasked },
          { key: 'employer', label: '单位', children: account.employer },
          { key: 'balance', label: '账户余额', children: <span data-testid="account-balance">{formatCurrency(account.balanceFen)}</span> },
          { key: 'base', label: '缴存基数', children: formatCurrency(account.depositBaseFen) },
          { key: 'rates', label: '缴存比例（单位 / 个人）', children: `${formatRate(account.unitRateBasisPoints)} / ${formatRate(account.personalRateBasisPoints)}` },
          { key: 'paidUpTo', label: '缴至年月', children: formatYearMonth(account.paidUpTo) },
          { key: 'continuous', label: '连续缴存月数', children: `${account.continuousMonths} 个月` },
          { key: 'missed', label: '中断月数', children: `${account.missedMonths} 个月` },
          { key: 'months', label: '已缴月份', span: 2, children: months.length > 0 ? months.join('；') : '还没有缴存记录' },
        ]}
      />
    </Card>
  );
}
