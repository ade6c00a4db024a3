import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { ElderModeToggle } from '../../components/ElderModeToggle';
import { TextLink } from '../../components/TextLink';
import { Screen } from '../../components/Screen';
import { PAGES } from '../../lib/navigation';
import { loadSession, saveSession } from '../../lib/session';
import './index.scss';

// Written out (not via lib/build-flags) so webpack sees a literal condition and drops the
// require, and with it the whole picker, from non-demo bundles.
const DemoPicker: typeof import('../../demo/DemoPicker').DemoPicker | null =
  process.env.TARO_APP_DEMO === '1' ? require('../../demo/DemoPicker').DemoPicker : null;

const IN_WECHAT = process.env.TARO_ENV === 'weapp';

function goOn({ bound, consentNeeded }: { bound: boolean; consentNeeded?: boolean }) {
  // a privacy notice changed since the member agreed: read and agree before going on
  if (bound && consentNeeded) void Taro.redirectTo({ url: `${PAGES.privacy}?agree=1` });
  else if (bound) void Taro.reLaunch({ url: PAGES.home });
  else void Taro.redirectTo({ url: PAGES.bind });
}

async function wechatCode(): Promise<string> {
  try {
    const { code } = await Taro.login();
    if (code) return code;
  } catch {
    // reported below
  }
  throw new ApiError('WECHAT_UNAVAILABLE', '微信登录没有成功，请重试', 0);
}

export default function LoginPage() {
  const [reason] = useState(() => Taro.getCurrentInstance().router?.params?.reason);
  const expired = reason === 'expired';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const lastAttempt = useRef<() => Promise<string>>(wechatCode);

  useEffect(() => {
    const session = loadSession();
    if (session) goOn(session);
  }, []);

  async function signIn(getCode: () => Promise<string>) {
    lastAttempt.current = getCode;
    setBusy(true);
    setError(undefined);
    try {
      const session = await request('wechatLogin', { body: { code: await getCode() } });
      saveSession(session);
      goOn(session);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen className="login">
      <View className="login__header">
        <Text className="text-title login__title" data-testid="app-title">
          公积金服务
        </Text>
        <Text className="text-main login__subtitle">查余额、看缴存明细，一看就懂</Text>
      </View>

      <ElderModeToggle testId="elder-mode-login" />

      {expired && error === undefined && (
        <View className="notice" role="status" data-testid="session-expired">
          <Text>登录已过期，请重新登录。您的数据都在，登录后接着办。</Text>
        </View>
      )}
      {reason === 'unbound' && error === undefined && (
        <View className="notice" role="status" data-testid="session-unbound">
          <Text>这个微信已经解除绑定，公积金账户和余额都不受影响。如需继续在这里查看，请重新登录并实名绑定。</Text>
        </View>
      )}

      {error !== undefined && (
        <View className="notice login__error" role="alert" data-testid="error-state">
          <Text className="login__error-text">{errorMessage(error)}</Text>
          <ActionButton className="login__retry" testId="retry" disabled={busy} onClick={() => signIn(lastAttempt.current)}>
            重试
          </ActionButton>
        </View>
      )}

      {IN_WECHAT && (
        <ActionButton
          className="btn--primary btn--block login__wechat"
          testId="wechat-login"
          disabled={busy}
          onClick={() => signIn(wechatCode)}
        >
          {busy ? '正在登录…' : '微信一键登录'}
        </ActionButton>
      )}

      {DemoPicker ? (
        <DemoPicker busy={busy} onPick={(code) => signIn(async () => code)} />
      ) : (
        !IN_WECHAT && (
          <View className="card">
            <Text className="text-main">请在微信里打开“公积金服务”小程序登录。</Text>
          </View>
        )
      )}

      {busy && (
        <Text className="text-small login__busy" aria-live="polite">
          正在登录，请稍候…
        </Text>
      )}
      <Text className="text-small login__privacy">登录后只显示您本人的公积金信息，身份证号和手机号会部分隐藏。</Text>
      {/* counter staff and agencies sign in from the centre's own devices; the entry here is for the demo */}
      {process.env.TARO_APP_DEMO === '1' && (
        <View className="login__staff">
          <TextLink className="login__staff-link" testId="staff-entry" onClick={() => void Taro.navigateTo({ url: PAGES.staffLogin })}>
            工作人员入口
          </TextLink>
        </View>
      )}
    </Screen>
  );
}
