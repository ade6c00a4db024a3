import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorMessage, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { followAuthError, PAGES } from '../../lib/navigation';
import { clearSession, loadSession, saveSession } from '../../lib/session';
import { useLoader } from '../../lib/use-loader';
import './index.scss';

/**
 * 隐私政策, whole. Opened from 实名绑定 and 设置 to read; after sign-in with `agree=1` when the
 * notice changed since the member agreed, to agree again (or not, and use the counter instead).
 */
export default function PrivacyPage() {
  const [asking] = useState(() => Taro.getCurrentInstance().router?.params?.agree === '1');
  const [notice, reload] = useLoader(() => request('privacyNotice'));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  async function agree() {
    if (notice.status !== 'ready') return;
    setBusy(true);
    setFailure(undefined);
    try {
      await request('agreeConsent', { body: { noticeVersion: notice.data.version, sensitiveConsent: true } });
      const session = loadSession();
      if (session) saveSession({ ...session, consentNeeded: false });
      void Taro.reLaunch({ url: PAGES.home });
    } catch (error) {
      if (followAuthError(error)) return;
      // CONSENT_OUTDATED: it changed again while open; the newest is loaded to be read
      void reload();
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  function goBack() {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.reLaunch({ url: loadSession()?.bound ? PAGES.home : PAGES.login });
  }

  async function disagree() {
    const { confirm } = await Taro.showModal({
      title: '不同意新的隐私政策',
      content: '不同意就不能在小程序里继续查看和办理；账户和余额不受影响，可以带身份证到服务网点柜台办理。确定不同意吗？',
      confirmText: '不同意',
      cancelText: '再看看',
    });
    if (!confirm) return;
    clearSession();
    void Taro.reLaunch({ url: PAGES.login });
  }

  if (notice.status === 'loading') return <Screen className="privacy"><StatusView kind="loading" /></Screen>;
  if (notice.status === 'error') return <Screen className="privacy"><StatusView kind="error" error={notice.error} onRetry={() => void reload()} /></Screen>;
  const { title, version, summary, sections, sensitive } = notice.data;
  return (
    <Screen className="privacy">
      <Text className="text-title">{title}</Text>
      <Text className="text-small privacy__version" data-testid="privacy-version">
        {`版本：${version}`}
      </Text>
      {asking && (
        <View className="notice" role="status" data-testid="privacy-changed">
          <Text>隐私政策更新了。请读一下新的内容，同意后再继续使用。</Text>
        </View>
      )}
      <Text className="text-main privacy__summary">{summary}</Text>
      <View className="card">
        <Text className="privacy__heading">需要您单独同意的敏感个人信息</Text>
        {sensitive.map(({ item, purpose }) => (
          <Text key={item} className="privacy__text">
            <Text className="privacy__strong">{item}：</Text>
            {purpose}
          </Text>
        ))}
      </View>
      {sections.map(({ heading, text }) => (
        <View key={heading} className="privacy__section">
          <Text className="privacy__heading">{heading}</Text>
          <Text className="privacy__text">{text}</Text>
        </View>
      ))}
      {failure !== undefined && (
        <View className="notice" role="alert" data-testid="error-state">
          <Text>{errorMessage(failure)}</Text>
        </View>
      )}
      {asking ? (
        <View className="privacy__actions">
          <ActionButton className="btn--primary btn--block" testId="privacy-agree" disabled={busy} onClick={agree}>
            {busy ? '正在提交…' : '同意新的隐私政策（含单独同意）并继续'}
          </ActionButton>
          <ActionButton className="btn--block privacy__disagree" testId="privacy-disagree" disabled={busy} onClick={disagree}>
            不同意
          </ActionButton>
        </View>
      ) : (
        <ActionButton className="btn--block privacy__back" testId="privacy-back" onClick={goBack}>
          返回
        </ActionButton>
      )}
    </Screen>
  );
}
