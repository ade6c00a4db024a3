import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { chinaDate } from '@hpf/shared';
import { formatDate } from '../../lib/format';
import { errorMessage, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { StatusView } from '../../components/StatusView';
import { followAuthError, PAGES } from '../../lib/navigation';
import { clearSession } from '../../lib/session';
import { useLoader } from '../../lib/use-loader';

const STEPS = {
  unbind: {
    title: '解除绑定',
    content: '解除后，这个微信里的所有登录立即失效，不能再查看账户，也不再收到到账提醒。公积金账户和余额不受影响，以后可以重新绑定。确定解除吗？',
    confirmText: '解除绑定',
  },
  withdraw: {
    title: '撤回同意',
    content: '撤回同意后，我们不再在小程序里处理您的身份证号码和人脸信息，所以会同时解除绑定，所有登录立即失效。账户和余额不受影响，可以到柜台办理或重新绑定。确定撤回吗？',
    confirmText: '撤回并解除',
  },
} as const;

/** 个人信息与授权: what the member agreed to and when; 撤回同意 and 解除绑定, each said plainly first. */
export function ConsentSettings() {
  const [state, reload] = useLoader(() => request('myConsent'));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function end(kind: keyof typeof STEPS) {
    const { confirm } = await Taro.showModal({ ...STEPS[kind], cancelText: '不了' });
    if (!confirm) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await request('unbind', { body: { withdrawConsent: kind === 'withdraw' } });
      clearSession();
      void Taro.reLaunch({ url: `${PAGES.login}?reason=unbound` });
    } catch (error) {
      if (!followAuthError(error)) setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  if (state.status === 'loading') return <StatusView kind="loading" text="正在读取您的授权…" />;
  if (state.status === 'error') return <StatusView kind="error" error={state.error} onRetry={() => void reload()} />;
  const agreed = state.data.records.find((record) => !record.withdrawnAt);
  return (
    <>
      <View className="card" data-testid="consent-summary">
        <Text className="text-main">
          {agreed
            ? `您在 ${formatDate(chinaDate(new Date(agreed.agreedAt)))} 同意了《公积金服务隐私政策》（${agreed.noticeVersion} 版），并单独同意处理${agreed.sensitiveItems.join('和')}。`
            : '没有找到您的同意记录。'}
        </Text>
        {!state.data.current && <Text className="text-small settings__explain">隐私政策已更新，请查看新版本。</Text>}
      </View>
      <ActionButton className="btn--block settings__guide" testId="settings-privacy" onClick={() => void Taro.navigateTo({ url: PAGES.privacy })}>
        查看隐私政策
      </ActionButton>
      {failure !== undefined && (
        <View className="notice" role="alert" data-testid="consent-error">
          <Text>{errorMessage(failure)}</Text>
        </View>
      )}
      <ActionButton className="btn--block settings__guide" testId="unbind" disabled={busy} onClick={() => void end('unbind')}>
        解除绑定
      </ActionButton>
      <ActionButton className="btn--block settings__guide" testId="withdraw-consent" disabled={busy} onClick={() => void end('withdraw')}>
        撤回同意并解除绑定
      </ActionButton>
      <Text className="text-small settings__explain">换手机、手机丢了，或不想再用这个微信查看时，可以解除绑定。</Text>
    </>
  );
}
