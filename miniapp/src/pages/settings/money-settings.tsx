import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCurrency, parseYuan, type ReminderSettings } from '@hpf/shared';
import { useEffect, useState } from 'react';
import { errorMessage, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { TextWithAmounts } from '../../components/Amount';
import { Switch } from '../../components/Switch';
import { followAuthError } from '../../lib/navigation';
import { fieldLabel } from '../../lib/field-label';

/** The API has no GET for the reminder switches: the last saved answer is kept on the phone. */
const REMINDERS_KEY = 'hpf.reminderSettings';

const REMINDERS = [
  ['deposit', '月缴存到账提醒'],
  ['withdrawal', '提取到账提醒'],
  ['interest', '年度结息提醒'],
] as const;

/** 到账提醒 switches, 提取锁 and the member's own monthly limit (main package: kept small). */
export function MoneySettings() {
  const [reminders, setReminders] = useState<ReminderSettings>(() => ({
    deposit: true,
    withdrawal: true,
    interest: true,
    ...(Taro.getStorageSync(REMINDERS_KEY) as object),
  }));
  const [locked, setLocked] = useState(false);
  const [limitFen, setLimitFen] = useState<number>();
  const [limitText, setLimitText] = useState('');
  const [notice, setNotice] = useState<string>();

  // the lock is read back from the server: 提取锁 is one of this month's checks
  useEffect(() => {
    request('rentEligibility')
      .then((e) => setLocked(e.checks.some((c) => c.code === 'WITHDRAWAL_LOCKED' && !c.ok)))
      .catch(() => undefined);
  }, []);

  async function save(send: () => Promise<void>) {
    try {
      await send();
      setNotice('已保存。');
    } catch (error) {
      if (!followAuthError(error)) setNotice(errorMessage(error));
    }
  }

  const saveWithdrawal = (lock: boolean, fen: number | undefined) =>
    save(async () => {
      const saved = await request('withdrawalSettings', { body: fen === undefined ? { locked: lock } : { locked: lock, personalMonthlyLimitFen: fen } });
      setLocked(saved.locked);
      setLimitFen(saved.personalMonthlyLimitFen);
    });

  function saveLimit() {
    const fen = limitText.trim() === '' ? undefined : parseYuan(limitText);
    if (limitText.trim() !== '' && (fen === undefined || fen < 0)) return setNotice('请填写金额，例如 1000；不设上限请留空');
    void saveWithdrawal(locked, fen);
  }

  return (
    <>
      <Text className="settings__section">到账提醒</Text>
      {REMINDERS.map(([key, title]) => (
        <Switch
          key={key}
          title={title}
          hint={reminders[key] ? '到账时微信提醒您' : '已关：只记在“消息”里'}
          on={reminders[key]}
          testId={`reminder-${key}`}
          onToggle={() =>
            save(async () => {
              const saved = await request('reminderSettings', { body: { ...reminders, [key]: !reminders[key] } });
              setReminders(saved);
              Taro.setStorageSync(REMINDERS_KEY, saved);
            })
          }
        />
      ))}

      <Text className="settings__section">提取安全</Text>
      <Switch
        title="提取锁"
        hint={locked ? '已锁：谁都不能提取您的公积金' : '怕被冒领？锁上后不能提取'}
        on={locked}
        testId="withdrawal-lock"
        onToggle={() => saveWithdrawal(!locked, limitFen)}
      />
      <View className="card">
        <Text className="field__label">个人每月提取上限（元）</Text>
        <TextWithAmounts className="text-small" text={limitFen === undefined ? '留空表示按本市上限' : `现在：每月最多 ${formatCurrency(limitFen)}`} />
        <Input
          className="field__input settings__limit"
          data-testid="withdrawal-limit"
          {...fieldLabel('个人每月提取上限')}
          type="digit"
          maxlength={12}
          value={limitText}
          onInput={(event) => setLimitText(event.detail.value)}
        />
        <ActionButton className="btn--block" testId="withdrawal-limit-save" onClick={saveLimit}>
          保存上限
        </ActionButton>
      </View>
      {notice && (
        <View className="notice" role="status" data-testid="settings-notice">
          <Text>{notice}</Text>
        </View>
      )}
    </>
  );
}
