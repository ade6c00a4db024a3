import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CertificatePurpose, CertificateType, CertificateView, ResponseOf } from '@hpf/shared';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { useFaceStep } from '../../components/FaceStep';
import { withFaceCheck } from '../../lib/face-check';
import { FactList } from '../../components/FactList';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { CertificateTimes, ChangesNotice } from '../../components/CertificateTruth';
import { formatChinaTime, PURPOSE_LABELS, STATUS_LABELS, TYPE_LABELS } from '../../lib/certificate-facts';
import { SubmissionKey } from '../../lib/idempotency';
import { followAuthError } from '../../lib/navigation';
import { pressable } from '../../lib/pressable';
import { useLoader } from '../../lib/use-loader';
import { countdownText, useCodeScreen, useLiveCode } from './use-live-code';
import { isCityField, type LoanCityChoice } from './loan-city';
import { LoanCityPicker } from './LoanCityPicker';
import './index.scss';

const TYPES: readonly { type: CertificateType; hint: string }[] = [
  { type: 'DEPOSIT', hint: '证明您正在按月缴存公积金。买房、落户、孩子上学常用。' },
  { type: 'LOAN_USE', hint: '到外地申请公积金贷款时用，交给当地公积金中心。' },
  { type: 'PAYOFF', hint: '证明公积金贷款已经还清，办房产解押等手续时用。' },
];

const PURPOSES: readonly CertificatePurpose[] = ['HOME_PURCHASE', 'HUKOU', 'SCHOOL', 'LOAN_ELSEWHERE', 'OTHER'];

type Offerable = ResponseOf<'myCertificates'>['offerable'][number];

interface Draft {
  type?: CertificateType;
  purpose?: CertificatePurpose;
  city?: LoanCityChoice;
}

function IssueForm({ offerable, onIssued }: { offerable: readonly Offerable[]; onIssued: (certificate: CertificateView) => void }) {
  const [draft, setDraft] = useState<Draft>({});
  // one key per submission: a second tap or a retry of the same form sends the same one
  const submission = useRef(new SubmissionKey());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [cityError, setCityError] = useState<string>();
  const face = useFaceStep();
  const needsCity = draft.type === 'LOAN_USE';
  const ready = draft.type !== undefined && draft.purpose !== undefined && (!needsCity || draft.city !== undefined);

  function change(patch: Partial<Draft>) {
    setDraft((previous) => ({ ...previous, ...patch }));
    setConfirming(false);
    setError(undefined);
    setCityError(undefined);
  }

  function pickType(type: CertificateType) {
    // 异地贷款缴存使用证明 is always for a loan elsewhere: pick that purpose for the member.
    change({ type, purpose: type === 'LOAN_USE' ? 'LOAN_ELSEWHERE' : draft.purpose });
  }

  async function issue() {
    if (!draft.type || !draft.purpose) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = { type: draft.type, purpose: draft.purpose, ...(needsCity && draft.city ? { targetCityCode: draft.city.code } : {}) };
      const idempotencyKey = submission.current.keyFor(body);
      // a new certificate is confirmed by the member's face when the server asks (policy)
      const certificate = await withFaceCheck(
        (faceCheckId) => request('issueCertificate', { body, idempotencyKey, faceCheckId }),
        () => face.run('ISSUE_CERTIFICATE'),
      );
      if (!certificate) return;
      submission.current.reset();
      setDraft({});
      setConfirming(false);
      onIssued(certificate);
    } catch (caught) {
      if (followAuthError(caught)) return;
      const city = isApiError(caught) ? caught.fields.find((field) => isCityField(field.path)) : undefined;
      if (city) {
        setCityError(city.message);
        setConfirming(false);
      }
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="card cert-form">
      <Text className="cert-form__step">第一步：选择要开的证明</Text>
      <View role="radiogroup" aria-label="证明类型">
        {TYPES.map(({ type, hint }) => {
          const offer = offerable.find((item) => item.type === type);
          if (!offer) return null;
          if (!offer.available) {
            return (
              <View key={type} className="choice choice--off" aria-disabled="true" data-testid={`cert-type-${type}`}>
                <Text className="choice__mark" aria-hidden="true">
                  ✕
                </Text>
                <View className="choice__text">
                  <Text className="choice__title">{`${TYPE_LABELS[type]}（现在不能开）`}</Text>
                  <Text className="choice__hint" data-testid={`cert-type-${type}-reason`}>
                    {offer.reason ?? '您现在不能开这种证明。'}
                  </Text>
                </View>
              </View>
            );
          }
          const chosen = draft.type === type;
          return (
            <View
              key={type}
              className={`choice ${chosen ? 'choice--on' : ''}`}
              {...pressable(() => pickType(type), 'radio')}
              aria-checked={chosen ? 'true' : 'false'}
              data-testid={`cert-type-${type}`}
              hoverClass="choice--pressed"
              onClick={() => pickType(type)}
            >
              <Text className="choice__mark" aria-hidden="true">
                {chosen ? '●' : '○'}
              </Text>
              <View className="choice__text">
                <Text className="choice__title">{TYPE_LABELS[type]}</Text>
                <Text className="choice__hint">{hint}</Text>
              </View>
            </View>
          );
        })}
      </View>

      {draft.type && (
        <>
          <Text className="cert-form__step">第二步：开证明做什么用</Text>
          <View className="chips" role="radiogroup" aria-label="用途">
            {PURPOSES.map((purpose) => {
              const chosen = draft.purpose === purpose;
              return (
                <View
                  key={purpose}
                  className={`chip ${chosen ? 'chip--on' : ''}`}
                  {...pressable(() => change({ purpose }), 'radio')}
                  aria-checked={chosen ? 'true' : 'false'}
                  data-testid={`cert-purpose-${purpose}`}
                  onClick={() => change({ purpose })}
                >
                  <Text>{chosen ? `✓ ${PURPOSE_LABELS[purpose]}` : PURPOSE_LABELS[purpose]}</Text>
                </View>
              );
            })}
          </View>
        </>
      )}

      {needsCity && <LoanCityPicker value={draft.city} onChange={(city) => change({ city })} error={cityError} />}

      {error && (
        <View className="notice cert-form__error" role="alert" data-testid="error-state">
          <Text>{error}</Text>
        </View>
      )}

      {confirming && draft.type && draft.purpose ? (
        <View className="cert-confirm" data-testid="cert-confirm-box">
          <Text className="cert-confirm__title">请核对</Text>
          <Text className="cert-confirm__line">证明：{TYPE_LABELS[draft.type]}</Text>
          <Text className="cert-confirm__line">用途：{PURPOSE_LABELS[draft.purpose]}</Text>
          {needsCity && <Text className="cert-confirm__line">贷款城市：{draft.city?.fullName}</Text>}
          <Text className="cert-confirm__note">证明内容取自您账户今天的记录。开好后出示二维码，给办事的工作人员扫一扫就行。</Text>
          {face.element}
          <ActionButton className="btn--primary btn--block" testId="cert-confirm" disabled={busy} onClick={issue}>
            {busy ? '正在开具…' : '确认开具'}
          </ActionButton>
          <ActionButton className="btn--block cert-confirm__back" testId="cert-edit" disabled={busy} onClick={() => setConfirming(false)}>
            返回修改
          </ActionButton>
        </View>
      ) : (
        <ActionButton className="btn--primary btn--block cert-form__next" testId="cert-next" disabled={!ready} onClick={() => setConfirming(true)}>
          {ready ? '下一步' : draft.type ? (needsCity && draft.purpose ? '请选择贷款城市' : '请选择用途') : '请先选择证明'}
        </ActionButton>
      )}
    </View>
  );
}

function Verifications({ certificateId }: { certificateId: string }) {
  const [state, reload] = useLoader(() => request('certificateVerifications', { params: { certificateId } }));
  if (state.status === 'loading') return <StatusView kind="loading" text="正在查询查验记录…" />;
  if (state.status === 'error') return <StatusView kind="error" error={state.error} onRetry={reload} />;
  const rows = state.data.verifications;
  if (rows.length === 0) return <StatusView kind="empty" text="还没有人查验过这份证明。" />;
  return (
    <View className="checks" data-testid="cert-verifications">
      {rows.map((row, index) => (
        <View key={`${row.checkedAt}-${index}`} className="checks__row" data-testid="cert-verification-row">
          <Text className="checks__time">{formatChinaTime(row.checkedAt)}</Text>
          <Text className="checks__who">{row.checkedBy}</Text>
          <Text className={`checks__result checks__result--${row.result}`}>{row.resultLabel}</Text>
        </View>
      ))}
    </View>
  );
}

/** 重新开具: the page's re-issue, and which certificate it is busy with. */
interface Reissue {
  busyWith?: string;
  /** Why the last re-issue did not happen, beside the button the member tapped. */
  failed?: { certificateId: string; message: string };
  run: (certificate: CertificateView) => void;
}

function ReissueButton({ certificate, reissue }: { certificate: CertificateView; reissue: Reissue }) {
  const busy = reissue.busyWith === certificate.certificateId;
  const failed = reissue.failed?.certificateId === certificate.certificateId ? reissue.failed.message : undefined;
  return (
    <>
      {failed && (
        <View className="cert-reissue__error" role="alert" data-testid="cert-reissue-error">
          <Text>{failed}</Text>
        </View>
      )}
        <ActionButton
        className="btn--primary btn--block cert-reissue"
        testId="cert-reissue"
        disabled={reissue.busyWith !== undefined}
        onClick={() => reissue.run(certificate)}
      >
        {busy ? '正在重新开具…' : '重新开具'}
      </ActionButton>
    </>
  );
}

function StatusBadge({ certificate }: { certificate: CertificateView }) {
  return (
    <Text className={`cert-badge cert-badge--${certificate.status.toLowerCase()}`} data-testid="cert-status">
      {STATUS_LABELS[certificate.status]}
    </Text>
  );
}

/** The code on its own, large, refreshed every minute, with the facts beneath. */
function ShowCode({
  certificate,
  onBack,
  onRevoke,
  reissue,
}: {
  certificate: CertificateView;
  onBack: () => void;
  onRevoke: (certificate: CertificateView) => void;
  reissue: Reissue;
}) {
  const live = useLiveCode(certificate.certificateId);
  const { code, problem, offline, ended, stale } = live;
  const [captured, setCaptured] = useState(false);
  const [showChecks, setShowChecks] = useState(false);
  useCodeScreen(() => setCaptured(true));
  const qrLabel = `${certificate.typeLabel}二维码，请出示给工作人员扫描`;

  return (
    <View className="cert-show" data-testid="cert-show">
      <View className="card cert-qr-card">
        <Text className="cert-qr-card__title">{certificate.typeLabel}</Text>
        <Text className="cert-qr-card__sub">用途：{certificate.purposeLabel}</Text>
        {certificate.changes.length > 0 && !ended && (
          <ChangesNotice changes={certificate.changes} advice="这份证明上的内容已不是最新的，办事前请重新开具。" testId="cert-changes" />
        )}
        {ended ? (
          <View className="notice cert-qr-card__ended" role="alert" data-testid="cert-ended">
            <Text>{ended.message}</Text>
          </View>
        ) : code ? (
          <>
            <View className={`cert-qr ${stale ? 'cert-qr--stale' : ''}`}>
              <Image
                className="cert-qr__img"
                src={code.imageUrl}
                // the box is square like the code: fill it exactly (aspectFit leaves h5's <img> at its intrinsic size)
                mode="scaleToFill"
                data-testid="certificate-qr"
                data-payload={code.payload}
                aria-label={qrLabel}
                // h5: the <img> inside gets the same words as its alt text
                nativeProps={{ alt: qrLabel }}
              />
            </View>
            <Text className="cert-qr-card__countdown" data-testid="qr-countdown" aria-live="off">
              {countdownText(live)}
            </Text>
          </>
        ) : problem ? (
          <StatusView kind="loading" text="网络不太好，正在重新获取二维码…" />
        ) : (
          <StatusView kind="loading" text="正在生成二维码…" />
        )}
        <CertificateTimes certificate={certificate} testId="cert-times" compact />
        {/* under the code, not above it: the code stays on the first screen in 长辈模式 too */}
        {certificate.changes.length > 0 && !ended && <ReissueButton certificate={certificate} reissue={reissue} />}
        {/* one notice for one outage, its words fixed while it lasts (the line above counts the time) */}
        {(problem !== undefined || offline) && code && (
          <View className="notice cert-qr-card__problem" role="alert" data-testid="qr-problem">
            <Text>{offline ? '网络已断开，二维码暂时不能更新；联网后会自动刷新。' : '暂时没能更新二维码，正在自动重试。'}</Text>
          </View>
        )}
        <Text className="text-small cert-qr-card__hint">二维码每分钟自动更新，请当面出示；截图转发的码 2 分钟后失效。</Text>
      </View>

      {captured && (
        <View className="notice" role="alert" data-testid="capture-notice">
          <Text>您刚才截了屏。截图或转发出去的二维码 2 分钟后就会失效，办事时请当面出示手机上的码。</Text>
        </View>
      )}

      <View className="card">
        <Text className="cert-section">证明内容</Text>
        <FactList facts={certificate.facts} testId="cert-facts" />
      </View>

      <View className="card">
        <ActionButton className="btn--block" testId="cert-show-checks" onClick={() => setShowChecks(!showChecks)}>
          {showChecks ? '收起查验记录' : '查验记录（谁扫过这份证明）'}
        </ActionButton>
        {showChecks && <Verifications certificateId={certificate.certificateId} />}
      </View>

      <ActionButton className="btn--primary btn--block cert-show__back" testId="cert-back" onClick={onBack}>
        返回证明列表
      </ActionButton>
      {certificate.status === 'ACTIVE' && !ended && (
        <ActionButton className="btn--block cert-revoke" testId="cert-revoke" onClick={() => onRevoke(certificate)}>
          撤销这份证明
        </ActionButton>
      )}
    </View>
  );
}

function History({
  certificates,
  onShow,
  onRevoke,
  reissue,
}: {
  certificates: readonly CertificateView[];
  onShow: (certificate: CertificateView) => void;
  onRevoke: (certificate: CertificateView) => void;
  reissue: Reissue;
}) {
  const [open, setOpen] = useState<string>();
  if (certificates.length === 0) return <StatusView kind="empty" text="还没有开过证明。在上面选好后就能开具。" />;
  return (
    <View data-testid="cert-history">
      {certificates.map((certificate) => (
        <View key={certificate.certificateId} className="card cert-row" data-testid="cert-history-row">
          <View className="cert-row__top">
            <Text className="cert-row__title">{certificate.typeLabel}</Text>
            <StatusBadge certificate={certificate} />
          </View>
          <Text className="cert-row__line">用途：{certificate.purposeLabel}</Text>
          <Text className="cert-row__line">开具时间：{formatChinaTime(certificate.issuedAt)}</Text>
          <Text className="cert-row__line">数据截至：{formatChinaTime(certificate.factsAsOf)}</Text>
          <Text className="cert-row__line">
            {certificate.status === 'REVOKED' && certificate.revokedAt
              ? `撤销：${formatChinaTime(certificate.revokedAt)}`
              : `有效期至：${formatChinaTime(certificate.expiresAt)}`}
          </Text>
          {certificate.status === 'ACTIVE' && (
            <ChangesNotice changes={certificate.changes} advice="这份证明上的内容已不是最新的，办事前请重新开具。" testId="cert-row-changes">
              <ReissueButton certificate={certificate} reissue={reissue} />
            </ChangesNotice>
          )}
          <View className="cert-row__actions">
            {certificate.status === 'ACTIVE' && (
              <ActionButton className="btn--primary cert-row__btn" testId="cert-show-code" onClick={() => onShow(certificate)}>
                出示二维码
              </ActionButton>
            )}
            <ActionButton
              className="cert-row__btn"
              testId="cert-checks"
              onClick={() => setOpen(open === certificate.certificateId ? undefined : certificate.certificateId)}
            >
              {open === certificate.certificateId ? '收起记录' : '查验记录'}
            </ActionButton>
            {certificate.status === 'ACTIVE' && (
              <ActionButton className="cert-row__btn cert-revoke" testId="cert-row-revoke" onClick={() => onRevoke(certificate)}>
                撤销
              </ActionButton>
            )}
          </View>
          {open === certificate.certificateId && <Verifications certificateId={certificate.certificateId} />}
        </View>
      ))}
    </View>
  );
}

export default function CertificatesPage() {
  const [state, reload] = useLoader(() => request('myCertificates'));
  const [showing, setShowing] = useState<CertificateView>();
  const [notice, setNotice] = useState<string>();
  const [reissuing, setReissuing] = useState<string>();
  const [reissueFailed, setReissueFailed] = useState<Reissue['failed']>();
  const reissueKey = useRef(new SubmissionKey());
  const reissueFace = useFaceStep();

  /** A fresh certificate of the same type and purpose (and city), read from today's records. */
  async function runReissue(certificate: CertificateView) {
    if (reissuing) return;
    const body = {
      type: certificate.type,
      purpose: certificate.purpose,
      ...(certificate.facts.targetCityCode ? { targetCityCode: certificate.facts.targetCityCode } : {}),
    };
    setReissuing(certificate.certificateId);
    setReissueFailed(undefined);
    try {
      // its own key (not the first issue's): a retry of this re-issue reuses it
      const idempotencyKey = reissueKey.current.keyFor({ ...body, replacing: certificate.certificateId });
      const fresh = await withFaceCheck(
        (faceCheckId) => request('issueCertificate', { body, idempotencyKey, faceCheckId }),
        () => reissueFace.run('ISSUE_CERTIFICATE'),
      );
      if (!fresh) return;
      reissueKey.current.reset();
      setNotice(`已按账户现在的记录重新开具${fresh.typeLabel}。`);
      setShowing(fresh);
      void reload();
    } catch (error) {
      if (!followAuthError(error)) setReissueFailed({ certificateId: certificate.certificateId, message: errorMessage(error) });
    } finally {
      setReissuing(undefined);
    }
  }
  // The code screen replaces the list in place: start it at the top, or the code opens scrolled
  // off screen (as far down as the row that was tapped); back on the list, the top again.
  const shownId = showing?.certificateId;
  useEffect(() => {
    try {
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch {
      // not there on this platform
    }
  }, [shownId]);

  const reissue: Reissue = { busyWith: reissuing, failed: reissueFailed, run: (certificate) => void runReissue(certificate) };

  async function revoke(certificate: CertificateView) {
    const { confirm } = await Taro.showModal({
      title: '撤销证明',
      content: `撤销后，这份${certificate.typeLabel}就不能再用了，已发出的码扫出来会显示“已撤销”。确定撤销吗？`,
      confirmText: '撤销',
      cancelText: '不撤销',
    });
    if (!confirm) return;
    try {
      await request('revokeMyCertificate', { params: { certificateId: certificate.certificateId } });
      setShowing(undefined);
      setNotice(`已撤销这份${certificate.typeLabel}。`);
      await reload();
    } catch (error) {
      if (!followAuthError(error)) setNotice(errorMessage(error));
    }
  }

  if (showing) {
    return (
      <Screen className="cert cert--showing">
        {reissueFace.element}
        <ShowCode
          certificate={showing}
          onBack={() => {
            setShowing(undefined);
            void reload();
          }}
          onRevoke={revoke}
          reissue={reissue}
        />
      </Screen>
    );
  }

  return (
    <Screen className="cert">
      <View className="cert__intro">
        <Text className="text-title">电子证明</Text>
        <Text className="text-main cert__lead">办事要公积金证明时，在这里开，出示二维码给工作人员扫一扫，不用跑柜台。</Text>
      </View>
      {reissueFace.element}
      {notice && (
        <View className="notice" role="status" data-testid="cert-notice">
          <Text>{notice}</Text>
        </View>
      )}
      {state.status === 'loading' && <StatusView kind="loading" text="正在查询您能开的证明和开过的证明…" />}
      {state.status === 'error' && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <IssueForm
            offerable={state.data.offerable}
            onIssued={(certificate) => {
              setNotice(undefined);
              setShowing(certificate);
            }}
          />
          <Text className="cert-section cert-section--outer">开过的证明</Text>
          <History certificates={state.data.certificates} onShow={setShowing} onRevoke={revoke} reissue={reissue} />
        </>
      )}
    </Screen>
  );
}
