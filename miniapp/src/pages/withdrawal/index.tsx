import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { isRateableWithdrawalEnd, type WithdrawalView } from '@hpf/shared';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Amount } from '../../components/Amount';
import { RatingPrompt } from '../../components/RatingPrompt';
import { ReminderSubscribe } from '../../components/ReminderSubscribe';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { nextStepText, WithdrawalTimeline } from '../../components/WithdrawalProgress';
import { formatChinaTime } from '../../lib/certificate-facts';
import { formatYearMonth, WITHDRAWAL_KIND_TITLES } from '../../lib/format';
import { PAGES } from '../../lib/navigation';
import { useLoader } from '../../lib/use-loader';
import { useWithdrawalProgress } from '../../lib/withdrawal-progress';
import { request } from '../../api/client';
import './index.scss';

const ID = /^[A-Za-z0-9]{10,40}$/;

function Line({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="wd-line" data-testid={testId}>
      <Text className="wd-line__label">{label}</Text>
      <Text className="wd-line__value">{value}</Text>
    </View>
  );
}

function Detail({ view }: { view: WithdrawalView }) {
  const ended = view.status === 'REJECTED' || view.status === 'PAYOUT_FAILED';
  return (
    <>
      <View className="card wd-head" data-testid="withdrawal-detail">
        <Text className="wd-head__title">{formatYearMonth(view.month)} {WITHDRAWAL_KIND_TITLES[view.kind]}</Text>
        <View className={`rent-status rent-status--${view.status.toLowerCase()}`} data-testid="withdrawal-status" role="status">
          <Text>{view.statusLabel}</Text>
        </View>
        <View className="wd-head__amount">
          <Text>提取金额 </Text>
          <Amount fen={view.amountFen} label="提取金额" className="wd-head__fen" />
        </View>
        <View className={`wd-next ${ended ? 'wd-next--bad' : ''}`} data-testid="withdrawal-next" role={ended ? 'alert' : undefined}>
          <Text>{nextStepText(view)}</Text>
        </View>
      </View>

      <View className="card">
        <Text className="wd-section">办理进度</Text>
        <WithdrawalTimeline view={view} />
      </View>
      <View className="card">
        <Text className="wd-section">办理信息</Text>
        <Line label="申请时间" value={formatChinaTime(view.createdAt)} />
        {view.paidAt && <Line label="到账时间" value={formatChinaTime(view.paidAt)} testId="withdrawal-paid-at" />}
        <Line label="收款银行卡" value={view.bankCardMasked} testId="withdrawal-card" />
        {view.leaseAddress && <Line label="租住地址" value={view.leaseAddress} />}
        <Line label="申请编号" value={view.applicationId} />
      </View>

    </>
  );
}

/** One rent withdrawal: where it stands, each step so far, and when it ends, why or when it was paid. */
export default function WithdrawalPage() {
  const { params } = useRouter();
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : '';
  // opened from the 提取到账 message: that reminder used its consent, so ask for the next one here
  const fromMessage = params.from === 'message';
  const [state, reload] = useLoader(() =>
    ID.test(id) ? request('myWithdrawal', { params: { applicationId: id } }) : Promise.reject(new ApiError('APPLICATION_NOT_FOUND', '没有找到这笔申请。', 404)),
  );
  const [latest, setLatest] = useState<WithdrawalView>();
  const view = latest ?? (state.status === 'ready' ? state.data : undefined);
  // still on its way: look again until it is paid, refused, withdrawn or returned
  useWithdrawalProgress(view, setLatest);

  function back() {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: PAGES.rent });
  }

  return (
    <Screen className="withdrawal">
      <Text className="text-title withdrawal__title">提取办理进度</Text>
      {state.status === 'loading' && <StatusView kind="loading" text="正在查询办理进度…" />}
      {state.status === 'error' && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {view && <Detail view={view} />}
      {view && isRateableWithdrawalEnd(view.status) && <RatingPrompt serviceId={`WD-${view.applicationId}`} />}
      {view?.status === 'PAID' && fromMessage && (
        <ReminderSubscribe testId="withdrawal-subscribe" noticeTestId="withdrawal-subscribe-notice" again />
      )}
      <ActionButton className="btn--block withdrawal__back" testId="withdrawal-back" onClick={back}>
        返回我的申请
      </ActionButton>
    </Screen>
  );
}
