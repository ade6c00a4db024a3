import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { request } from '../api/client';
import { arrivalSubscription, reminderPrompt, subscribeFromTap, type SubscriptionState } from '../lib/reminders';
import { ActionButton } from './ActionButton';

interface Props {
  testId: string;
  noticeTestId: string;
  /** Opened from a reminder: offer 继续接收提醒 (each one-time consent covered that one message). */
  again?: boolean;
  className?: string;
}

/**
 * 到账提醒 wherever it is offered: how many reminders are left (the server's count, where the
 * consents are recorded), and a button that asks WeChat again. WeChat shows its consent dialog
 * only from a tap, so this is a button.
 */
export function ReminderSubscribe({ testId, noticeTestId, again = false, className }: Props) {
  const [state, setState] = useState<SubscriptionState>();
  const [loaded, setLoaded] = useState(false);
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    let live = true;
    request('mySubscriptions')
      .then((states) => live && setState(arrivalSubscription(states)))
      // the count is a help, not the page: without it the button still asks
      .catch(() => undefined)
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, []);

  async function subscribe() {
    const outcome = await subscribeFromTap();
    if (!outcome) return;
    setNotice(outcome.text);
    if (outcome.state) setState(outcome.state);
  }

  const prompt = reminderPrompt(state, again);
  return (
    <View className={`reminder-subscribe ${className ?? ''}`} data-testid={`${testId}-box`} data-loaded={loaded ? 'true' : undefined}>
      {prompt.status && (
        <Text
          className={`reminder-subscribe__status ${prompt.usedUp ? 'reminder-subscribe__status--used-up' : ''}`}
          data-testid={`${testId}-remaining`}
        >
          {prompt.status}
        </Text>
      )}
      {prompt.button && (
        <ActionButton className="btn--block" testId={testId} onClick={subscribe}>
          {prompt.button}
        </ActionButton>
      )}
      {notice && (
        <View className="notice reminder-subscribe__notice" role="status" data-testid={noticeTestId}>
          <Text>{notice}</Text>
        </View>
      )}
    </View>
  );
}
