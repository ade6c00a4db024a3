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
import { CertificateTimes, ChangesNotice } from '../../components/CertificateTruth';
import { cleanScan, TYPE_LABELS } from '../../lib/certificate-facts';
import { PAGES } from '../../lib/navigation';
import { clearStaffSession, loadVerifier, type Verifier } from '../../lib/staff-session';
import { fieldLabel } from '../../lib/field-label';
import './index.scss';

const IN_WECHAT = process.env.TARO_ENV === 'weapp';

function backToSignIn() {
  clearStaffSession();
  void Taro.redirectTo({ url: PAGES.staffLogin });
}

/** The signed-in verifier as the page header names them. */
function verifierName(verifier: Verifier): string {
  if (verifier.kind === 'staff') return `核验人：${verifier.session.displayName}（${verifier.session.username}）`;
  return `查验机构：${verifier.session.agencyName} ${verifier.session.office}`;
}

/** The heading over the facts, and for an agency shown the public view, why. */
function factsHeading(answer: VerifyResponse, verifier: Verifier): { title: string; note?: string } {
  if (answer.view !== 'public') return { title: '证明内容（完整）' };
  if (verifier.kind !== 'agency' || !answer.certificate) return { title: '证明内容（部分隐藏）' };
  const registered = verifier.session.certificateTypes.map((type) => TYPE_LABELS[type]).join('、');
  return {
    title: '证明内容（部分隐藏）',
    note: `贵机构没有登记查验“${answer.certificate.typeLabel}”，所以只显示部分隐藏的内容${
      registered ? `（贵机构可查看完整内容的证明：${registered}）` : ''
    }。需要完整内容，请联系本中心登记。`,
  };
}

export default function VerifyScanPage() {
  const [verifier] = useState<Verifier | undefined>(() => loadVerifier());
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<VerifyResponse>();
  const [error, setError] = useState<string>();
  const [focus, setFocus] = useState(true);
  const busyRef = useRef(false);

  useEffect(() => {
    if (!verifier) void Taro.redirectTo({ url: PAGES.staffLogin });
  }, [verifier]);

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

  if (!verifier) return <Screen className="verify-scan" />;
  const heading = answer ? factsHeading(answer, verifier) : undefined;

  return (
    <Screen className="verify-scan">
      <View className="verify-scan__who">
        <Text className="text-main verify-scan__name" data-testid="verifier-name">
          {verifierName(verifier)}
        </Text>
        <TextLink testId="staff-sign-out" onClick={signOut}>
          退出
        </TextLink>
      </View>
      {verifier.kind === 'staff' && verifier.session.roles.includes('REVIEWER') && (
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
          {answer.certificate && heading && (
            <View className="card">
              <Text className="verify-scan__section">{heading.title}</Text>
              {heading.note && (
                <Text className="notice verify-scan__masked" data-testid="verify-masked-note">
                  {heading.note}
                </Text>
              )}
              <ChangesNotice changes={answer.certificate.changes} advice="证明内容已更新，请职工重新开具后再办理。" testId="verify-changes" />
              <CertificateTimes certificate={answer.certificate} testId="verify-times" />
              <FactList facts={answer.certificate.facts} testId="verify-facts" />
            </View>
          )}
        </>
      )}
    </Screen>
  );
}
