import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { ResponseOf } from '@hpf/shared';
import { request } from '../../api/client';
import { RatingPrompt } from '../../components/RatingPrompt';
import { ReminderSubscribe } from '../../components/ReminderSubscribe';
import { TextWithAmounts } from '../../components/Amount';
import { TextLink } from '../../components/TextLink';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { PAGES } from '../../lib/navigation';
import { useLoader } from '../../lib/use-loader';
import './index.scss';

type MessageView = ResponseOf<'myMessages'>['messages'][number];

/**
 * What arrived where, said once (the server's title repeats the amount): deposits and interest
 * came into the account; a withdrawal left it for the member's bank card.
 */
const ARRIVALS: Record<MessageView['kind'], { title: string; amount: (text: string) => string; link: string }> = {
  DEPOSIT: { title: '月缴存到账', amount: (text) => `+${text}`, link: '查看这笔明细' },
  INTEREST: { title: '年度结息到账', amount: (text) => `+${text}`, link: '查看这笔明细' },
  WITHDRAWAL: { title: '提取到账', amount: (text) => `${text} 已转入您的银行卡`, link: '查看办理进度' },
  RETIREMENT: { title: '离退休提取', amount: (text) => `可全部提取 ${text}`, link: '查看并确认' },
  CLOSING: { title: '销户凭证', amount: (text) => `${text} 已转入您的银行卡，账户已销户`, link: '查看销户凭证' },
  LOAN_REPAYMENT: { title: '按月还贷', amount: (text) => `已为您偿还公积金贷款 ${text}`, link: '查看我的贷款' },
  LOAN_TRANSFER: { title: '商贷自动划转', amount: (text) => `已为您偿还商业贷款 ${text}`, link: '查看我的贷款' },
  LOAN_SHORTFALL: { title: '本月还贷还差钱', amount: (text) => `还差 ${text}，请您自己存入还款账户`, link: '查看我的贷款' },
};

const LOAN_KINDS: readonly MessageView['kind'][] = ['LOAN_REPAYMENT', 'LOAN_TRANSFER', 'LOAN_SHORTFALL'];

/** A withdrawal's message is keyed `WD#<applicationId>`: it opens that application's progress. */
function openMessage(message: MessageView) {
  const application = /^WD#(.+)$/.exec(message.messageId)?.[1];
  if (message.kind === 'WITHDRAWAL') {
    void Taro.navigateTo({ url: application ? `${PAGES.withdrawal}?id=${encodeURIComponent(application)}&from=message` : PAGES.rent });
  } else if (message.kind === 'RETIREMENT' || message.kind === 'CLOSING') {
    // 离退休提取: what was prepared (confirm it there), and after payment the 销户凭证
    void Taro.navigateTo({ url: PAGES.retirement });
  } else if (LOAN_KINDS.includes(message.kind)) {
    void Taro.navigateTo({ url: PAGES.loans });
  } else if (message.entryId) void Taro.navigateTo({ url: `${PAGES.ledger}?entry=${encodeURIComponent(message.entryId)}` });
}

export default function MessagesPage() {
  const [state, reload] = useLoader(() => request('myMessages'));

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <Screen className="messages">
      <View className="messages__intro">
        <Text className="text-title">消息</Text>
        <Text className="text-main messages__lead">每一笔缴存、提取、结息到账都记在这里。微信提醒没收到，这里也有。</Text>
      </View>
      <RatingPrompt />
      <ReminderSubscribe className="messages__subscribe" testId="messages-subscribe" noticeTestId="subscribe-notice" again />
      {state.status === 'loading' && <StatusView kind="loading" text="正在查询消息…" />}
      {state.status === 'error' && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.data.messages.length === 0 && (
        <StatusView kind="empty" text="还没有消息。有钱到账时，这里会记下来。" />
      )}
      {state.status === 'ready' &&
        state.data.messages.map((message) => (
          <View key={message.messageId} className={`card message message--${message.kind.toLowerCase()}`} data-testid="message-row">
            <View className="message__top">
              <Text className="message__title">{ARRIVALS[message.kind].title}</Text>
              <Text className="message__time">{message.timeText}</Text>
            </View>
            <TextWithAmounts className="message__amount" testId="message-amount" text={ARRIVALS[message.kind].amount(message.amountText)} />
            <TextWithAmounts className="message__line" text={`${message.kind === 'WITHDRAWAL' ? '提取后' : LOAN_KINDS.includes(message.kind) ? '还贷后' : '到账后'}账户余额 ${message.balanceText}`} />
            <Text className={`message__wechat ${message.wechat === 'SENT' ? 'message__wechat--sent' : ''}`} data-testid="message-wechat">
              {message.wechat === 'SENT' ? '✓ ' : ''}
              {message.wechatLabel}
            </Text>
            {(message.entryId || message.kind === 'WITHDRAWAL' || message.kind === 'RETIREMENT' || message.kind === 'CLOSING' || LOAN_KINDS.includes(message.kind)) && (
              <TextLink testId="message-open" onClick={() => openMessage(message)}>
                {ARRIVALS[message.kind].link}
              </TextLink>
            )}
          </View>
        ))}
      <Text className="text-small messages__note">下拉可刷新。提醒开关在“设置”里。</Text>
    </Screen>
  );
}
