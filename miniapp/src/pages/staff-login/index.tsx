import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { errorMessage, isApiError, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { PAGES } from '../../lib/navigation';
import { loadStaffSession, saveStaffSession, type StaffSession } from '../../lib/staff-session';
import { fieldLabel } from '../../lib/field-label';
import './index.scss';

/** Reviewers land on the review queue; counter staff on 扫码核验. */
function staffHome(session: StaffSession): string {
  return session.roles.includes('REVIEWER') ? PAGES.review : PAGES.verifyScan;
}

export default function StaffLoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const session = loadStaffSession();
    if (session) void Taro.redirectTo({ url: staffHome(session) });
  }, []);

  const ready = username.trim() !== '' && password !== '';

  async function submit() {
    if (!ready || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const session = await request('staffLogin', { body: { username: username.trim().toLowerCase(), password } });
      saveStaffSession(session);
      void Taro.redirectTo({ url: staffHome(session) });
    } catch (caught) {
      const field = isApiError(caught) ? caught.fields[0] : undefined;
      setError(field ? field.message : errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen className="staff-login">
      <View className="staff-login__intro">
        <Text className="text-title">工作人员登录</Text>
        <Text className="text-main staff-login__lead">柜台和窗口的工作人员登录后，可以扫码核验职工出示的电子证明。</Text>
      </View>

      {process.env.TARO_APP_DEMO === '1' && (
        <Text className="notice" data-testid="demo-staff-hint">
          演示版：柜台核验用 account.clerk，提取审核用 reviewer.a 或 reviewer.b，密码都是 demo-Counter-2026。
        </Text>
      )}

      <View className="card">
        <View className="field">
          <Text className="field__label">用户名</Text>
          <Input
            className="field__input"
            data-testid="staff-username"
            {...fieldLabel('用户名')}
            type="text"
            maxlength={32}
            placeholder="工号或用户名"
            placeholderClass="field__placeholder"
            value={username}
            onInput={(event) => {
              setUsername(event.detail.value);
              setError(undefined);
            }}
          />
        </View>
        <View className="field">
          <Text className="field__label">密码</Text>
          <Input
            className="field__input"
            data-testid="staff-password"
            {...fieldLabel('密码')}
            password
            maxlength={128}
            placeholder="密码"
            placeholderClass="field__placeholder"
            value={password}
            confirmType="done"
            onInput={(event) => {
              setPassword(event.detail.value);
              setError(undefined);
            }}
            onConfirm={submit}
          />
        </View>
      </View>

      {error && (
        <View className="notice" role="alert" data-testid="error-state">
          <Text>{error}</Text>
        </View>
      )}

      <ActionButton className="btn--primary btn--block" testId="staff-submit" disabled={busy || !ready} onClick={submit}>
        {busy ? '正在登录…' : '登录'}
      </ActionButton>
      <Text className="text-small staff-login__note">仅供公积金中心及合作机构的工作人员使用。职工本人请返回，用微信登录。</Text>
    </Screen>
  );
}
