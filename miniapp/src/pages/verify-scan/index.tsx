import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { VerifyResponse } from '@hpf/shared';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { FactList } from '../../components/FactList';
import { TextLink } from '../../components/TextLink';
import { Screen } from '../../components/Screen';
import { Verdict } from '../../components/Verdict';
import { cleanScan } from '../../lib/certificate-facts';
import { PAGES } from '../../lib/navigation';
import { clearStaffSession, loadStaffSession, type StaffSession } from '../../lib/staff-session';
import { fieldLabel } from '../../lib/field-label';
import './index.scss';

const IN_WECHAT = process.env.TARO_ENV === 'weapp';

function backToSignIn() {
  clearStaffSession();
  void Taro.redirectTo({ url: PAGES.staffLogin });
}

export default function VerifyScanPage() {
  const [staff] = useState<StaffSession | undefined>(() => loadStaffSession());
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<VerifyResponse>();
  const [error, setError] = useState<string>();
  const [focus, setFocus] = useState(true);
  const busyRef = useRef(false);

  useEffect(() => {
    if (!staff) void Taro.redirectTo({ url: PAGES.staffLogin });
  }, [staff]);

  async function check(raw: string) {
    const payload = cleanScan(raw);
    if (payload === '' || busyRef.current) {
      if (payload === '') setError('请扫描或粘贴证明上的二维码内容');
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setError(undefined);
    setAnswer(undefined);
    try {
      setAnswer(await request('verifyCertificate', { body: { payload } }));
      // Ready for the next person: a handheld scanner types straight into the empty field.
      setText('');
    } catch (caught) {
      if (isApiError(caught) && (caught.code === 'SESSION_EXPIRED' || caught.code === 'UNAUTHENTICATED')) {
        backToSignIn();
        return;
      }
      setError(errorMessage(caught));
    } finally {
      busyRef.current = false;
      setBusy(false);
      setFocus(false);
      setTimeout(() => setFocus(true), 0);
    }
  }

  async function scan() {
    try {
      const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await check(result.result);
    } catch {
      // the staff member closed the camera
    }
  }

  function signOut() {
    backToSignIn();
  }

  if (!staff) return <Screen className="verify-scan" />;

  return (
    <Screen className="verify-scan">
      <View className="verify-scan__who">
        <Text className="text-main">
          核验人：{staff.displayName}（{staff.username}）
        </Text>
        <TextLink testId="staff-sign-out" onClick={signOut}>
          退出
        </TextLink>
      </View>
      {staff.roles.includes('REVIEWER') && (
        <ActionButton className="btn--block verify-scan__review" testId="staff-review-entry" onClick={() => Taro.navigateTo({ url: PAGES.review })}>
          提取审核（待审申请）
        </ActionButton>
      )}

      <View className="card">
        {IN_WECHAT ? (
          <>
            <Text className="text-main verify-scan__lead">请职工打开“电子证明”出示二维码，点下面的按钮扫一扫。</Text>
            <ActionButton className="btn--primary btn--block verify-scan__scan" testId="verify-scan" disabled={busy} onClick={scan}>
              {busy ? '正在核验…' : '扫码核验'}
            </ActionButton>
          </>
        ) : (
          <View className="field">
            <Text className="field__label">证明二维码内容</Text>
            <Text className="text-small verify-scan__lead">用扫码枪扫职工手机上的二维码，或把扫出的链接粘贴到这里，按回车核验。</Text>
            <Input
              className="field__input"
              data-testid="verify-input"
              {...fieldLabel('证明二维码内容')}
              maxlength={1000}
              focus={focus}
              placeholder="扫码枪扫描或粘贴链接"
              placeholderClass="field__placeholder"
              confirmType="search"
              value={text}
              onInput={(event) => {
                setText(event.detail.value);
                setError(undefined);
              }}
              onConfirm={(event) => void check(event.detail.value ?? text)}
            />
            <ActionButton className="btn--primary btn--block verify-scan__submit" testId="verify-submit" disabled={busy} onClick={() => check(text)}>
              {busy ? '正在核验…' : '核验'}
            </ActionButton>
          </View>
        )}
      </View>

      {error && (
        <View className="notice" role="alert" data-testid="error-state">
          <Text>{error}</Text>
        </View>
      )}

      {answer && (
        <>
          <Verdict answer={answer} />
          {answer.certificate && (
            <View className="card">
              <Text className="verify-scan__section">证明内容（完整）</Text>
              <FactList facts={answer.certificate.facts} testId="verify-facts" />
            </View>
          )}
        </>
      )}
    </Screen>
  );
}
