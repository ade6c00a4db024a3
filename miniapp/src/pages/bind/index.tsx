import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorMessage, isApiError, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { ConsentChecks, type ConsentTicks } from '../../components/ConsentChecks';
import { StatusView } from '../../components/StatusView';
import { useLoader } from '../../lib/use-loader';
import { useFaceStep } from '../../components/FaceStep';
import { withFaceCheck } from '../../lib/face-check';
import { Screen } from '../../components/Screen';
import { checkBindForm, fieldErrorsFrom, type BindErrors, type BindField, type BindValues } from '../../lib/bind-form';
import { followAuthError, PAGES } from '../../lib/navigation';
import { saveSession } from '../../lib/session';
import { fieldLabel } from '../../lib/field-label';
import './index.scss';

interface FieldSpec {
  field: BindField;
  label: string;
  placeholder: string;
  type: 'text' | 'idcard' | 'number';
  maxlength: number;
}

const FIELDS: readonly FieldSpec[] = [
  { field: 'name', label: '姓名', placeholder: '和身份证上一致', type: 'text', maxlength: 30 },
  { field: 'idNumber', label: '身份证号', placeholder: '18 位，最后一位可能是 X', type: 'idcard', maxlength: 18 },
  { field: 'phone', label: '手机号', placeholder: '在公积金中心登记的手机号', type: 'number', maxlength: 11 },
];

export default function BindPage() {
  const [values, setValues] = useState<BindValues>({ name: '', idNumber: '', phone: '' });
  const [fieldErrors, setFieldErrors] = useState<BindErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [ticks, setTicks] = useState<ConsentTicks>({ notice: false, sensitive: false });
  const [consentError, setConsentError] = useState<string>();
  // the notice is the API's (policy data, versioned): the consent sent names the version read
  const [notice, reloadNotice] = useLoader(() => request('privacyNotice'));
  const face = useFaceStep();

  function update(field: BindField, value: string) {
    setValues((previous) => ({ ...previous, [field]: value }));
    // The member is fixing this field: its old complaint no longer applies.
    setFieldErrors((previous) => ({ ...previous, [field]: undefined }));
    setFormError(undefined);
  }

  function tick(next: ConsentTicks) {
    setTicks(next);
    setConsentError(undefined);
  }

  async function submit() {
    if (notice.status !== 'ready') return;
    const errors = checkBindForm(values);
    setFieldErrors(errors);
    setFormError(undefined);
    const unticked = !ticks.notice ? '请先阅读并勾选同意隐私政策' : !ticks.sensitive ? '请勾选单独同意处理身份证号码和人脸信息' : undefined;
    setConsentError(unticked);
    if (Object.keys(errors).length > 0 || unticked) return;
    setBusy(true);
    const body = {
      name: values.name.trim(),
      idNumber: values.idNumber.trim(),
      phone: values.phone.trim(),
      consent: { noticeVersion: notice.data.version, sensitiveConsent: true as const },
    };
    try {
      // the face checked must be the person being bound: the check is asked with the same name and ID number
      const session = await withFaceCheck(
        (faceCheckId) => request('bind', { body, faceCheckId }),
        () => face.run('BIND', { name: body.name, idNumber: body.idNumber }),
      );
      if (!session) return;
      saveSession(session);
      void Taro.reLaunch({ url: PAGES.home });
    } catch (error) {
      if (followAuthError(error)) return;
      // the notice changed while the page was open: show the new one, to be read and ticked again
      if (isApiError(error) && error.code === 'CONSENT_OUTDATED') {
        setTicks({ notice: false, sensitive: false });
        void reloadNotice();
      }
      if (isApiError(error) && error.fields.length > 0) setFieldErrors(fieldErrorsFrom(error.fields));
      setFormError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen className="bind">
      <View className="bind__intro">
        <Text className="text-title">实名绑定</Text>
        <Text className="text-main bind__lead">第一次使用，请填写您本人的信息，核对无误后就能查看公积金账户。</Text>
      </View>

      {process.env.TARO_APP_DEMO === '1' && (
        <Text className="notice" data-testid="demo-bind-hint">
          演示版：请用演示职工“陈新”的信息绑定（见后端说明文档）。
        </Text>
      )}

      <View className="card bind__form">
        {FIELDS.map(({ field, label, placeholder, type, maxlength }) => (
          <View key={field} className={`bind__field ${fieldErrors[field] ? 'bind__field--error' : ''}`}>
            <Text className="bind__label">{label}</Text>
            <Input
              className="bind__input"
              data-testid={`bind-${field}`}
              {...fieldLabel(label)}
              type={type}
              maxlength={maxlength}
              placeholder={placeholder}
              placeholderClass="bind__placeholder"
              value={values[field]}
              onInput={(event) => update(field, event.detail.value)}
            />
            {fieldErrors[field] && (
              <View className="bind__field-error" role="alert" data-testid={`bind-${field}-error`}>
                <Text>{fieldErrors[field]}</Text>
              </View>
            )}
          </View>
        ))}
      </View>

      {formError && (
        <View className="notice" role="alert" data-testid="error-state">
          <Text>{formError}</Text>
        </View>
      )}

      {notice.status === 'ready' ? (
        <ConsentChecks notice={notice.data} ticks={ticks} onChange={tick} error={consentError} />
      ) : notice.status === 'loading' ? (
        <StatusView kind="loading" text="正在加载隐私政策…" />
      ) : (
        <StatusView kind="error" error={notice.error} onRetry={() => void reloadNotice()} />
      )}

      {face.element}
      <ActionButton className="btn--primary btn--block bind__submit" testId="bind-submit" disabled={busy || notice.status !== 'ready'} onClick={submit}>
        {busy ? '正在核对…' : '同意并核对绑定'}
      </ActionButton>
      <Text className="text-small bind__privacy">不同意也没关系：可以带身份证到服务网点柜台办理。</Text>
    </Screen>
  );
}
