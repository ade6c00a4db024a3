import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { TextWithAmounts } from '../../components/Amount';
import { TextLink } from '../../components/TextLink';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { PAGES } from '../../lib/navigation';
import { subscribeFromTap } from '../../lib/reminders';
import { useLoader } from '../../lib/use-loader';
import './index.scss';

export default function MessagesPage() {
  const [state, reload] = useLoader(() => request('myMessages'));
  const [notice, setNotice] = useState<string>();

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function subscribe() {
    setNotice(await subscribeFromTap());
  }

  return (
    <Screen className="messages">
      <View className="messages__intro">
        <Text className="text-title">消息</Text>
        <Text className="text-main messages__lead">每一笔缴存、提取、结息到账都记在这里。微信提醒没收到，这里也有。</Text>
      </View>
      <ActionButton className="btn--block messages__subscribe" testId="messages-subscribe" onClick={subscribe}>
        开启到账提醒
      </ActionButton>
      {notice && (
        <View className="notice" role="status" data-testid="subscribe-notice">
          <Text>{notice}</Text>
        </View>
      )}
      {state.status === 'loading' && <StatusView kind="loading" text="正在查询消息…" />}
      {state.status === 'error' && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.data.messages.length === 0 && (
        <StatusView kind="empty" text="还没有消息。有钱到账时，这里会记下来。" />
      )}
      {state.status === 'ready' &&
        state.data.messages.map((message) => (
          <View key={message.messageId} className={`card message message--${message.kind.toLowerCase()}`} data-testid="message-row">
            <View className="message__top">
              <TextWithAmounts className="message__title" text={message.title} />
              <Text className="message__time">{message.timeText}</Text>
            </View>
            <TextWithAmounts className="message__amount" text={message.amountText} />
            <TextWithAmounts className="message__line" text={`到账后余额 ${message.balanceText}`} />
            <Text className={`message__wechat ${message.wechat === 'SENT' ? 'message__wechat--sent' : ''}`} data-testid="message-wechat">
              {message.wechat === 'SENT' ? '✓ ' : ''}
              {message.wechatLabel}
            </Text>
            {message.entryId && (
              <TextLink onClick={() => void Taro.navigateTo({ url: PAGES.ledger })}>查看缴存明细</TextLink>
            )}
          </View>
        ))}
      <Text className="text-small messages__note">下拉可刷新。提醒开关在“设置”里。</Text>
    </Screen>
  );
}
