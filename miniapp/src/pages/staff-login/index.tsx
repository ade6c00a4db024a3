import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { errorMessage, isApiError, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { PAGES } from '../../lib/navigation';
import { pressable } from '../../lib/pressable';
import { loadVerifier, saveAgencySession, saveStaffSession, type StaffSession, type Verifier } from '../../lib/staff-session';
import { fieldLabel } from '../../lib/field-label';
import './index.scss';

/** Reviewers land on the review queue; counter staff on 扫码核验. */
function staffHome(session: StaffSession): string {
  return session.roles.includes('REVIEWER') ? PAGES.review : PAGES.verifyScan;
}

/** Agencies check certificates only: always 扫码核验. */
function verifierHome(verifier: Verifier): string {
  return verifier.kind === 'staff' ? staffHome(verifier.session) : PAGES.verifyScan;
}

type SignInAs = 'staff' | 'agency';

const SIGN_IN_AS: readonly { as: SignInAs; title: string; hint: string }[] = [
  { as: 'staff', title: '本中心工作人员', hint: '柜台、窗口和审核岗' },
  { as: 'agency', title: '查验机构', hint: '其他城市的公积金中心、贷款银行' },
];

export default function StaffLoginPage() {
  const { params } = useRouter();
  const [as, setAs] = useState<SignInAs>(params.as === 'agency' ? 'agency' : 'staff');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const verifier = loadVerifier();
    if (verifier) void Taro.redirectTo({ url: verifierHome(verifier) });
  }, []);

  const ready = username.trim() !== '' && password !== '';

  async function submit() {
    if (!ready || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = { username: username.trim().toLowerCase(), password };
      if (as === 'agency') {
        saveAgencySession(await request('agencyLogin', { body }));
        void Taro.redirectTo({ url: PAGES.verifyScan });
      } else {
        const session = await request('staffLogin', { body });
        saveStaffSession(session);
        void Taro.redirectTo({ url: staffHome(session) });
      }
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
        <Text className="text-title">{as === 'agency' ? '查验机构登录' : '工作人员登录'}</Text>
        <Text className="text-main staff-login__lead">
          {as === 'agency'
            ? '已在本中心登记的公积金中心和银行，登录后可以扫码核验职工出示的电子证明，查看登记过的证明的完整内容。'
            : '柜台和窗口的工作人员登录后，可以扫码核验职工出示的电子证明。'}
        </Text>
      </View>

      <View className="staff-login__as" role="radiogroup" aria-label="登录身份">
        {SIGN_IN_AS.map((option) => {
          const chosen = as === option.as;
          const pick = () => {
            setAs(option.as);
            setError(undefined);
          };
          return (
            <View
              key={option.as}
              className={`staff-login__choice ${chosen ? 'staff-login__choice--on' : ''}`}
              {...pressable(pick, 'radio')}
              aria-checked={chosen ? 'true' : 'false'}
              data-testid={`sign-in-as-${option.as}`}
              onClick={pick}
            >
              <Text className="staff-login__choice-title">
                {chosen ? '● ' : '○ '}
                {option.title}
              </Text>
              <Text className="staff-login__choice-hint">{option.hint}</Text>
            </View>
          );
        })}
      </View>

      {process.env.TARO_APP_DEMO === '1' && (
        <Text className="notice" data-testid="demo-staff-hint">
          {as === 'agency'
            ? '演示版：杭州西湖分中心用 hz.gjj.xihu，浦东的银行用 bank.pudong，密码都是 demo-Agency-2026。'
            : '演示版：柜台核验用 account.clerk，提取审核用 reviewer.a 或 reviewer.b，密码都是 demo-Counter-2026。'}
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
            placeholder={as === 'agency' ? '本中心发给机构的登录名' : '工号或用户名'}
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
