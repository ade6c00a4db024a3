import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { AccountView } from '@hpf/shared';
import type { ReactNode } from 'react';
import { request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { AdviceCard } from '../../components/AdviceCard';
import { Amount } from '../../components/Amount';
import { ElderModeToggle } from '../../components/ElderModeToggle';
import { ReminderSubscribe } from '../../components/ReminderSubscribe';
import { RetirementNotice } from '../../components/RetirementNotice';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { useElderMode } from '../../lib/elder-mode';
import { formatDate, formatMonths, formatRate, formatYearMonth } from '../../lib/format';
import { PAGES } from '../../lib/navigation';
import { useLoader } from '../../lib/use-loader';
import './index.scss';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="home-row">
      <Text className="home-row__label">{label}</Text>
      <View className="home-row__value">{children}</View>
    </View>
  );
}

function BalanceCard({ account }: { account: AccountView }) {
  const normal = account.state === 'NORMAL';
  return (
    <View className="card balance-card">
      <View className="balance-card__top">
        <Text className="balance-card__owner">{account.name} 的公积金账户</Text>
        <Text className={`state-badge state-badge--${account.state.toLowerCase()}`} data-testid="account-state">
          {account.stateLabel}
        </Text>
      </View>
      <Text className="balance-card__label">账户余额</Text>
      <Amount fen={account.balanceFen} label="账户余额" className="text-balance balance-card__amount" testId="balance" />
      {/* what members check most, on the first screen in either mode */}
      <Text className="balance-card__facts" data-testid="balance-facts">
        缴至 {formatYearMonth(account.paidUpTo)}
        {normal ? (
          <>
            {' · 每月 '}
            <Amount fen={account.monthlyTotalFen} label="每月缴存" />
          </>
        ) : null}
      </Text>
      <Text className={normal ? 'balance-card__hint' : 'notice balance-card__notice'} data-testid="account-state-hint">
        {account.stateHint}
      </Text>
    </View>
  );
}

/** What counters ask for: the account number whole (it is the member's own), the rest masked. */
function AccountCard({ account }: { account: AccountView }) {
  return (
    <View className="card" data-testid="account-card">
      <Text className="home-card__title">账户信息</Text>
      <Row label="个人账号">
        <Text data-testid="account-no">{account.accountNo}</Text>
      </Row>
      <Row label="开户日期">
        <Text>{formatDate(account.openedOn)}</Text>
      </Row>
      <Row label="手机号">
        <Text>{account.phoneMasked}</Text>
      </Row>
      <Row label="银行卡">
        <Text>{account.bankCardMasked ?? '未登记（请到服务网点登记）'}</Text>
      </Row>
    </View>
  );
}

function DepositCard({ account }: { account: AccountView }) {
  return (
    <View className="card">
      <Row label="每月缴存">
        <Amount fen={account.monthlyTotalFen} label="每月缴存" className="home-row__strong" />
        <Text className="home-row__sub">
          单位 <Amount fen={account.monthlyUnitFen} label="单位缴存" /> + 个人{' '}
          <Amount fen={account.monthlyPersonalFen} label="个人缴存" />
        </Text>
      </Row>
      <Row label="缴存基数">
        <Amount fen={account.depositBaseFen} label="缴存基数" />
      </Row>
      <Row label="缴存比例">
        <Text>
          单位 {formatRate(account.unitRateBasisPoints)} · 个人 {formatRate(account.personalRateBasisPoints)}
        </Text>
      </Row>
      <Row label="缴至">
        <Text data-testid="paid-up-to">{formatYearMonth(account.paidUpTo)}</Text>
      </Row>
      <Row label="连续缴存">
        <Text>
          {formatMonths(account.continuousMonths)}
          {account.continuousMonths >= 12 ? `（${account.continuousMonths}个月）` : ''}
        </Text>
      </Row>
      <Row label="工作单位">
        <Text>{account.employer || '—'}</Text>
      </Row>
    </View>
  );
}

const ENTRIES = [
  { key: 'ledger', title: '缴存明细', hint: '每月存了多少', url: PAGES.ledger },
  { key: 'certificate', title: '电子证明', hint: '开证明，扫码即办', url: PAGES.certificates },
  { key: 'rent', title: '租房提取', hint: '每月提一次交房租', url: PAGES.rent },
  { key: 'loans', title: '我的贷款', hint: '还欠多少、本月还款、按月还贷', url: PAGES.loans },
  { key: 'guide', title: '服务指南', hint: '电话、网点、办事带什么', url: PAGES.guide },
  { key: 'messages', title: '消息', hint: '每笔到账提醒', url: PAGES.messages },
  { key: 'settings', title: '设置', hint: '长辈模式、提醒、提取锁', url: PAGES.settings },
] as const;

/**
 * 租房提取 only for members it can apply to (the advice says what applies to the others). 我的贷款
 * for everyone: a member without an HPF loan may repay a bank's mortgage from it (商贷自动划转).
 */
function Entries({ rentApplies, borrower }: { rentApplies: boolean; borrower: boolean }) {
  return (
    <View className="entries">
      {ENTRIES.filter((entry) => rentApplies || entry.key !== 'rent').map((entry) => {
        const url = 'url' in entry ? entry.url : undefined;
        const hint = entry.key === 'loans' && !borrower ? '用公积金还商业贷款' : entry.hint;
        return (
          <ActionButton
            key={entry.key}
            className={`entry ${url ? '' : 'entry--soon'}`}
            testId={`entry-${entry.key}`}
            disabled={!url}
            onClick={() => url && Taro.navigateTo({ url })}
          >
            <View className="entry__label">
              <Text className="entry__title">{entry.title}</Text>
              <Text className="entry__hint">{hint}</Text>
            </View>
          </ActionButton>
        );
      })}
    </View>
  );
}

export default function HomePage() {
  const [state, reload] = useLoader(() => request('myAccount'));
  // 离退休提取: shown when one was prepared; its own failure leaves the home as it is (the page says it)
  const [retirement, reloadRetirement] = useLoader(() => request('myRetirement').catch(() => undefined));
  const { elder } = useElderMode();

  usePullDownRefresh(() => {
    void Promise.all([reload(), reloadRetirement()]).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <Screen className="home">
      <ElderModeToggle testId="elder-mode-entry" />
      {state.status === 'loading' && <StatusView kind="loading" text="正在查询您的公积金账户…" />}
      {state.status === 'error' && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <BalanceCard account={state.data} />
          {retirement.status === 'ready' && retirement.data && <RetirementNotice view={retirement.data} />}
          {/* retired, left a job, sealed by the employer, a borrower: what applies to them, first */}
          {state.data.advice.situation !== 'WORKING' && <AdviceCard advice={state.data.advice} testId="home-advice" />}
          {/* 长辈模式: the deposit details before the (full-width, tall) entries, not four screens down */}
          {elder && <DepositCard account={state.data} />}
          <Entries rentApplies={state.data.advice.rentApplies} borrower={state.data.advice.situation === 'BORROWER'} />
          <ReminderSubscribe className="home-subscribe" testId="subscribe-reminders" noticeTestId="subscribe-notice" />
          {!elder && <DepositCard account={state.data} />}
          <AccountCard account={state.data} />
          <Text className="text-small home__as-of">数据更新于 {state.data.asOf.slice(0, 10)}，下拉可刷新</Text>
        </>
      )}
    </Screen>
  );
}
