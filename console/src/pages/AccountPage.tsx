/**
 * 账户查询: one account by its number, or the accounts of a name or an ID number (looked up by its
 * hash on the server), as the counter and the back office read them.
 */
import { ACCOUNT_STATE_LABELS, formatCurrency, idNumberProblem, routes, type ResponseOf } from '@hpf/shared';
import { formatRate, formatYearMonth } from '@hpf/shared/src/display/format';
import { Alert, Button, Card, Descriptions, Input, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { AccountActions } from '../components/AccountActions';
import { AccountHistory } from '../components/AccountHistory';
import { FieldLabel } from '../components/FieldLabel';
import { currentSession } from '../lib/session';
import { ApiError, call, messageOf } from '../lib/api';

type Account = ResponseOf<'staffAccount'>;
type Hit = ResponseOf<'searchAccounts'>['items'][number];
interface Hits {
  hits: Hit[];
  more: boolean;
  asked: string;
}
type State =
  | { status: 'idle' }
  | { status: 'loading' }
  | ({ status: 'hits' } & Hits)
  | { status: 'ready'; account: Account; from?: Hits }
  | { status: 'error'; message: string };

const ACCOUNT_NO = /^\d{12}$/;
/** Seventeen digits and a digit or X: meant as an ID number (checked in words before sending). */
const LOOKS_LIKE_ID = /^\d{17}[\dXx]$/;

/** Solid tags with white text: antd's light preset tags fall short of AA contrast. */
const STATE_COLOURS: Record<keyof typeof ACCOUNT_STATE_LABELS, string> = {
  NORMAL: '#237804',
  SEALED: '#ad4e00',
  FROZEN: '#a8071a',
  CLOSED: '#595959',
};

function StateTag({ status, frozen }: { status: Account['status']; frozen: boolean }) {
  const state = frozen ? 'FROZEN' : status;
  return (
    <Tag color={STATE_COLOURS[state]} variant="solid">
      {ACCOUNT_STATE_LABELS[state]}
    </Tag>
  );
}

export function AccountPage() {
  const [state, setState] = useState<State>({ status: 'idle' });
  // 封存 / 启封 / 销户 are the account clerk's (the catalogue's roles); others only read
  const canChange = (currentSession()?.roles ?? []).some((role) => (routes.sealAccount.roles as readonly string[]).includes(role));

  const open = async (accountNo: string, from?: Hits) => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', account: await call('staffAccount', { params: { accountNo } }), ...(from ? { from } : {}) });
    } catch (failure) {
      setState({
        status: 'error',
        message: failure instanceof ApiError && failure.code === 'ACCOUNT_NOT_FOUND' ? `没有个人账号为 ${accountNo} 的账户。` : messageOf(failure),
      });
    }
  };

  const search = async (value: string) => {
    const text = value.trim();
    if (ACCOUNT_NO.test(text)) return open(text);
    if (text === '') return setState({ status: 'error', message: '请输入个人账号、姓名或身份证号。' });
    const byId = LOOKS_LIKE_ID.test(text);
    if (!byId && /^\d+$/.test(text)) return setState({ status: 'error', message: '个人账号应为 12 位数字，身份证号应为 18 位。' });
    const problem = byId ? idNumberProblem(text) : undefined;
    if (problem) return setState({ status: 'error', message: `${problem}。` });
    setState({ status: 'loading' });
    try {
      const found = await call('searchAccounts', { body: byId ? { idNumber: text } : { name: text } });
      // the words name what was asked; an ID number is never shown back whole
      const hits: Hits = { hits: found.items, more: found.more, asked: byId ? '这个身份证号' : `姓名“${text}”` };
      if (found.items.length === 1 && !found.more) return open(found.items[0].accountNo, hits);
      setState({ status: 'hits', ...hits });
    } catch (failure) {
      setState({ status: 'error', message: messageOf(failure) });
    }
  };

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        账户查询
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <FieldLabel htmlFor="account-no">个人账号、姓名或身份证号</FieldLabel>
        <Input.Search
          id="account-no"
          size="large"
          enterButton="查询"
          maxLength={30}
          autoComplete="off"
          placeholder="12 位个人账号、姓名（全名或开头几个字）或 18 位身份证号"
          onSearch={(value) => void search(value)}
          loading={state.status === 'loading'}
          style={{ maxWidth: 560 }}
          data-testid="account-search"
        />
      </Card>
      {state.status === 'idle' && <Alert type="info" title="输入个人账号、姓名或身份证号后查询。" />}
      {state.status === 'loading' && <Spin description="正在查询…" />}
      {state.status === 'error' && <Alert type="error" showIcon title={state.message} role="alert" data-testid="account-error" />}
      {state.status === 'hits' && <HitList {...state} onOpen={(accountNo) => void open(accountNo, state)} />}
      {state.status === 'ready' && (
        <>
          {state.from && state.from.hits.length > 1 && (
            <Button style={{ marginBottom: 12 }} onClick={() => setState({ status: 'hits', ...state.from! })}>
              返回查询结果（{state.from.hits.length} 个账户）
            </Button>
          )}
          <AccountCard account={state.account} />
          {canChange && <AccountActions account={state.account} onChanged={(account) => setState({ status: 'ready', account, ...(state.from ? { from: state.from } : {}) })} />}
          {/* read again after each change (the state is in the key): the change is in the trail */}
          <AccountHistory key={`${state.account.accountNo}:${state.account.status}`} accountNo={state.account.accountNo} />
        </>
      )}
    </>
  );
}

function HitList({ hits, more, asked, onOpen }: Hits & { onOpen: (accountNo: string) => void }) {
  if (hits.length === 0) return <Alert type="info" showIcon title={`没有找到${asked}的账户。`} data-testid="account-no-hits" />;
  return (
    <Card title={`${asked}：找到 ${hits.length} 个账户`} data-testid="account-hits">
      {more && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`符合的账户超过 ${hits.length} 个，只列出前 ${hits.length} 个：请输入全名，或按身份证号查询。`} />}
      <Table<Hit>
        size="middle"
        rowKey="accountNo"
        pagination={false}
        dataSource={hits}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '个人账号', dataIndex: 'accountNo' },
          { title: '身份证号', dataIndex: 'idNumberMasked' },
          { title: '单位', dataIndex: 'employer' },
          { title: '状态', render: (_, hit) => <StateTag status={hit.status} frozen={hit.frozen} /> },
          {
            title: '操作',
            render: (_, hit) => (
              <Button type="link" onClick={() => onOpen(hit.accountNo)} aria-label={`查看 ${hit.name}（${hit.accountNo}）的账户`}>
                查看
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function AccountCard({ account }: { account: Account }) {
  const months = account.depositedMonths.map(([from, to]) => (from === to ? formatYearMonth(from) : `${formatYearMonth(from)} 至 ${formatYearMonth(to)}`));
  return (
    <Card
      title={`${account.name}　${account.accountNo}`}
      extra={<StateTag status={account.status} frozen={account.frozen} />}
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
