import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { VerifyResponse } from '@hpf/shared';
import { useCallback, useEffect, useState } from 'react';
import { request } from '../../api/client';
import { FactList } from '../../components/FactList';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { Verdict } from '../../components/Verdict';
import { CertificateTimes, ChangesNotice } from '../../components/CertificateTruth';
import { cleanScan } from '../../lib/certificate-facts';
import './index.scss';

const MEANING: Partial<Record<VerifyResponse['result'], string>> = {
  valid:
    '这是公积金中心的查询页。“真实有效”表示这份证明确实由公积金中心出具，内容没有被改动。为保护个人隐私，这里只显示部分信息，姓名等已部分隐藏；办理业务的工作人员扫码可看到完整内容。',
  changed:
    '这是公积金中心的查询页。“内容已变化”表示这份证明确实由公积金中心出具，也还在有效期内，但开具以后账户情况变了，证明上写的已不是现在的情况。请职工本人在手机上重新开具一份，再出示新的二维码。',
};
const NOT_USABLE =
  '这是公积金中心的查询页。这份证明码现在不能用来办事；如果是职工本人出示的，请让他在手机上重新打开证明，出示最新的二维码。';

type State = { status: 'loading' } | { status: 'ready'; answer: VerifyResponse } | { status: 'error'; error: unknown } | { status: 'no-code' };

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Opened from a certificate's QR code with a phone camera: anyone may check it. */
export default function PublicVerifyPage() {
  const { params } = useRouter();
  const token = cleanScan(safeDecode(params.t ?? ''));
  const [state, setState] = useState<State>(token ? { status: 'loading' } : { status: 'no-code' });

  const load = useCallback(async () => {
    if (!token) return;
    setState({ status: 'loading' });
    try {
      // Always the public view: a staff sign-in on this phone is not used here.
      setState({ status: 'ready', answer: await request('verifyCertificate', { body: { payload: token }, anonymous: true }) });
    } catch (error) {
      setState({ status: 'error', error });
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Screen className="verify">
      <View className="verify__intro">
        <Text className="text-title">公积金电子证明核验</Text>
      </View>
      {state.status === 'no-code' && <StatusView kind="empty" text="没有读到证明码。请用手机相机重新扫描证明上的二维码。" />}
      {state.status === 'loading' && <StatusView kind="loading" text="正在核验，请稍候…" />}
      {state.status === 'error' && <StatusView kind="error" error={state.error} onRetry={load} />}
      {state.status === 'ready' && (
        <>
          <Verdict answer={state.answer} />
          {state.answer.certificate && (
            <View className="card">
              <Text className="verify__section">证明内容（部分隐藏）</Text>
              <ChangesNotice changes={state.answer.certificate.changes} advice="证明内容已更新，请职工重新开具后再办理。" testId="verify-changes" />
              <CertificateTimes certificate={state.answer.certificate} testId="verify-times" />
              <FactList facts={state.answer.certificate.facts} testId="verify-facts" />
            </View>
          )}
          <View className="card verify__meaning" data-testid="verify-meaning">
            <Text className="text-main">{MEANING[state.answer.result] ?? NOT_USABLE}</Text>
          </View>
        </>
      )}
    </Screen>
  );
}
