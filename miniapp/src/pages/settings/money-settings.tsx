import { Input, Text, View } from '@tarojs/components';
import { formatCurrency, formatYuan, parseYuan, type ReminderSettings, type WithdrawalSettings } from '@hpf/shared';
import { useRef, useState } from 'react';
import { errorMessage, isApiError, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { useFaceStep } from '../../components/FaceStep';
import { withFaceCheck } from '../../lib/face-check';
import { TextWithAmounts } from '../../components/Amount';
import { StatusView } from '../../components/StatusView';
import { Switch } from '../../components/Switch';
import { followAuthError } from '../../lib/navigation';
import { fieldLabel } from '../../lib/field-label';
import { useLoader } from '../../lib/use-loader';

const REMINDERS = [
  ['deposit', '月缴存到账提醒'],
  ['withdrawal', '提取到账提醒'],
  ['interest', '年度结息提醒'],
] as const;

const inputText = (fen: number | undefined) => (fen === undefined ? '' : formatYuan(fen).replace(/,/g, ''));

/** What the member typed as a limit, checked the way the server will check it. */
export function checkLimit(text: string, capFen: number): { fen: number } | { error: string } {
  if (text.trim() === '') return { error: '请填写金额，例如 1000；不设个人上限请点“按本市上限”' };
  const fen = parseYuan(text);
  if (fen === undefined || fen < 0) return { error: '请填写金额（元），例如 1000，最多两位小数' };
  if (fen > capFen) return { error: `不能超过本市每月上限 ${formatCurrency(capFen)}` };
  return { fen };
}

type Notice = { kind: 'saved' | 'error'; text: string };

/** 到账提醒 switches, 提取锁 and the member's own monthly limit, as saved on the server (main package: kept small). */
export function MoneySettings() {
  const [state, reload] = useLoader(async () => {
    const [withdrawal, reminders] = await Promise.all([request('myWithdrawalSettings'), request('myReminderSettings')]);
    setLimitText(inputText(withdrawal.personalMonthlyLimitFen));
    return { withdrawal, reminders };
  });
  const [saved, setSaved] = useState<{ withdrawal?: WithdrawalSettings; reminders?: ReminderSettings }>({});
  const [limitText, setLimitText] = useState('');
  const [limitError, setLimitError] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const busy = useRef(false);
  const face = useFaceStep();

  /** `send` answers false when nothing was saved (the member stopped at the face step). */
  async function save(send: () => Promise<void | boolean>) {
    if (busy.current) return;
    busy.current = true;
    setNotice(undefined);
    try {
      if ((await send()) === false) return;
      setNotice({ kind: 'saved', text: '已保存。' });
    } catch (error) {
      if (followAuthError(error)) return;
      // a refused limit is said under the field itself, once
      if (isApiError(error) && error.fields.some((field) => field.path === 'personalMonthlyLimitFen')) setLimitError(`没有保存：${error.message}`);
      else setNotice({ kind: 'error', text: `没有保存：${errorMessage(error)}` });
    } finally {
      busy.current = false;
    }
  }

  if (state.status === 'loading') return <StatusView kind="loading" text="正在读取您的设置…" />;
  if (state.status === 'error') return <StatusView kind="error" error={state.error} onRetry={reload} />;

  const withdrawal = saved.withdrawal ?? state.data.withdrawal;
  const reminders = saved.reminders ?? state.data.reminders;
  const capFen = withdrawal.monthlyCapFen;

  const saveWithdrawal = (change: { locked?: boolean; personalMonthlyLimitFen?: number | null }) =>
    save(async () => {
      // loosening a switch (提取锁 off, a higher limit) is confirmed by the member's face when the server asks
      const next = await withFaceCheck(
        (faceCheckId) => request('withdrawalSettings', { body: change, faceCheckId }),
        () => face.run(change.locked === false ? 'UNLOCK_WITHDRAWAL' : 'RAISE_LIMIT'),
      );
      if (!next) return false;
      setSaved((previous) => ({ ...previous, withdrawal: next }));
      if (change.personalMonthlyLimitFen !== undefined) setLimitText(inputText(next.personalMonthlyLimitFen));
    });

  function saveLimit() {
    const checked = checkLimit(limitText, capFen);
    if ('error' in checked) {
      setNotice(undefined);
      setLimitError(`没有保存：${checked.error}`);
      return;
    }
    setLimitError(undefined);
    void saveWithdrawal({ personalMonthlyLimitFen: checked.fen });
  }

  function clearLimit() {
    setLimitError(undefined);
    void saveWithdrawal({ personalMonthlyLimitFen: null });
  }

  const current =
    withdrawal.personalMonthlyLimitFen === undefined
      ? `现在：按本市上限，每月最多 ${formatCurrency(capFen)}`
      : `现在：每月最多 ${formatCurrency(withdrawal.personalMonthlyLimitFen)}（本市上限 ${formatCurrency(capFen)}）`;

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
              const next = await request('reminderSettings', { body: { [key]: !reminders[key] } });
              setSaved((previous) => ({ ...previous, reminders: next }));
            })
          }
        />
      ))}

      <Text className="settings__section">提取安全</Text>
      {face.element}
      <Switch
        title="提取锁"
        hint={withdrawal.locked ? '已锁：谁都不能提取您的公积金' : '怕被冒领？锁上后不能提取'}
        on={withdrawal.locked}
        testId="withdrawal-lock"
        onToggle={() => saveWithdrawal({ locked: !withdrawal.locked })}
      />
      <View className="card">
        <Text className="field__label">个人每月提取上限（元）</Text>
        <TextWithAmounts className="text-small settings__current" testId="withdrawal-limit-current" text={current} />
        <Input
          className={`field__input settings__limit ${limitError ? 'settings__limit--bad' : ''}`}
          data-testid="withdrawal-limit"
          {...fieldLabel('个人每月提取上限')}
          type="digit"
          maxlength={12}
          placeholder="例如 1000"
          placeholderClass="field__placeholder"
          value={limitText}
          onInput={(event) => {
            setLimitText(event.detail.value);
            setLimitError(undefined);
          }}
        />
        {limitError && (
          <View className="field__error settings__limit-error" role="alert" data-testid="withdrawal-limit-error">
            <Text>{limitError}</Text>
          </View>
        )}
        <ActionButton className="btn--primary btn--block" testId="withdrawal-limit-save" onClick={saveLimit}>
          保存上限
        </ActionButton>
        {withdrawal.personalMonthlyLimitFen !== undefined && (
          <ActionButton className="btn--block settings__clear" testId="withdrawal-limit-clear" onClick={clearLimit}>
            改回按本市上限
          </ActionButton>
        )}
      </View>
      {notice && (
        <View className="notice" role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="settings-notice">
          <TextWithAmounts text={notice.text} />
        </View>
      )}
    </>
  );
}
