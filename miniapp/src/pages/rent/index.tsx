import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCurrency, isRateableWithdrawalEnd, type RentEligibility, type WithdrawalList, type WithdrawalView } from '@hpf/shared';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, isApiError, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { useFaceStep } from '../../components/FaceStep';
import { withFaceCheck } from '../../lib/face-check';
import { AdviceCard } from '../../components/AdviceCard';
import { Amount, TextWithAmounts } from '../../components/Amount';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { formatChinaTime } from '../../lib/certificate-facts';
import { formatYearMonth, WITHDRAWAL_KIND_TITLES } from '../../lib/format';
import { SubmissionKey } from '../../lib/idempotency';
import { followAuthError, PAGES } from '../../lib/navigation';
import { useWithdrawalProgress } from '../../lib/withdrawal-progress';
import { nextStepText, WithdrawalTimeline } from '../../components/WithdrawalProgress';
import { RatingPrompt } from '../../components/RatingPrompt';
import { ReminderSubscribe } from '../../components/ReminderSubscribe';
import { useLoader } from '../../lib/use-loader';
import {
  DRAFT_STORAGE_KEY,
  draftFromStore,
  draftToStore,
  EMPTY_DRAFT,
  editDraft,
  fieldOf,
  validateDraft,
  type CardChoice as CardChoiceValue,
  type DraftErrors,
  type DraftField,
  type RentDraft,
} from './rent-form';
import { pressable } from '../../lib/pressable';
import { fieldLabel } from '../../lib/field-label';
import './index.scss';

/** 零咨询: everything a member would otherwise phone the centre to ask. */
function Guide({ capFen }: { capFen?: number }) {
  return (
    <View className="card rent-guide" data-testid="rent-guide">
      <Text className="rent-section">办理须知</Text>
      <View className="rent-guide__item">
        <Text className="rent-guide__q">谁能申请</Text>
        <Text className="rent-guide__a">在本市租房住、本市没有自己的住房、没有未还清的公积金贷款、账户正常连续缴存满规定月数的职工。下面会逐条帮您核对。</Text>
      </View>
      <View className="rent-guide__item">
        <Text className="rent-guide__q">能提多少</Text>
        <Text className="rent-guide__a">
          每月最多 {capFen !== undefined ? <Amount fen={capFen} label="每月上限" /> : '按本市标准'}，不超过房租，账户里要留够最低余额。下面会算好您本月最多能提多少。
        </Text>
      </View>
      <View className="rent-guide__item">
        <Text className="rent-guide__q">多久提一次</Text>
        <Text className="rent-guide__a">每个自然月可以提一次，下个月 1 日起可以再申请。</Text>
      </View>
      <View className="rent-guide__item">
        <Text className="rent-guide__q">提交以后</Text>
        <Text className="rent-guide__a">
          一般当场审核，钱转到您本人预留的银行卡，几分钟内到账；需要人工核实的，1 到 3 个工作日内办完。不用跑柜台，不用交纸质材料，进度在本页随时可查。
        </Text>
      </View>
    </View>
  );
}

/** Already paid this month is news, not a fault: said plainly, with when to come back. */
function doneThisMonth(eligibility: RentEligibility) {
  const failed = eligibility.checks.filter((check) => !check.ok);
  return failed.length === 1 && failed[0].code === 'ALREADY_WITHDRAWN_THIS_MONTH' ? failed[0] : undefined;
}

function Eligibility({ eligibility }: { eligibility: RentEligibility }) {
  const done = doneThisMonth(eligibility);
  const tone = eligibility.eligible ? 'rent-elig--ok' : done ? 'rent-elig--done' : 'rent-elig--no';
  return (
    <View className={`card rent-elig ${tone}`} data-testid="rent-eligibility">
      <Text className="rent-section">{formatYearMonth(eligibility.month)}能提多少</Text>
      {done ? (
        <View className="rent-elig__done" role="status" data-testid="rent-done-this-month">
          <TextWithAmounts text={done.message} />
        </View>
      ) : eligibility.eligible ? (
        <View className="rent-elig__max">
          <Text className="rent-elig__max-label">本月最多可提取</Text>
          <Amount fen={eligibility.maxAmountFen} label="本月最多可提取" className="rent-elig__max-amount" testId="rent-max-amount" />
        </View>
      ) : (
        <View className="rent-elig__verdict" role="alert">
          <Text>本月暂时不能申请，原因见下面标 ✗ 的一条。</Text>
        </View>
      )}
      <View className="rent-checks">
        {eligibility.checks
          .filter((check) => check !== done)
          .map((check) => (
            <View key={check.code} className={`rent-check ${check.ok ? 'rent-check--ok' : 'rent-check--no'}`} data-testid={`rent-check-${check.code}`}>
              <Text className="rent-check__mark" aria-hidden="true">
                {check.ok ? '✓' : '✗'}
              </Text>
              <Text className="rent-check__text">
                {check.ok ? '' : '未满足：'}
                {check.message}
              </Text>
            </View>
          ))}
      </View>
    </View>
  );
}

interface FieldProps {
  field: DraftField;
  label: string;
  testId: string;
  draft: RentDraft;
  errors: DraftErrors;
  onEdit: (field: DraftField, value: string) => void;
  type?: 'text' | 'number' | 'digit';
  placeholder?: string;
  maxlength?: number;
  hint?: string;
}

function Field({ field, label, testId, draft, errors, onEdit, type = 'text', placeholder, maxlength = 100, hint }: FieldProps) {
  return (
    <View className="field">
      <Text className="field__label">{label}</Text>
      {hint && <TextWithAmounts className="text-small rent-field__hint" text={hint} />}
      <Input
        className={`field__input ${errors[field] ? 'field__input--bad' : ''}`}
        data-testid={testId}
        {...fieldLabel(label, Boolean(errors[field]))}
        type={type}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass="field__placeholder"
        value={draft[field]}
        onInput={(event) => onEdit(field, event.detail.value)}
      />
      {errors[field] && (
        <View className="field__error" role="alert" data-testid={`${testId}-error`}>
          <Text>{errors[field]}</Text>
        </View>
      )}
    </View>
  );
}

/** 收款银行卡: the card on file is chosen by its name (工商银行 尾号 0012); another card may be typed. */
function CardChoice({ label, choice, onChoose }: { label: string; choice: CardChoiceValue; onChoose: (choice: CardChoiceValue) => void }) {
  const option = (value: CardChoiceValue, text: string, testId: string) => (
    <View
      className={`rent-card-option ${choice === value ? 'rent-card-option--on' : ''}`}
      {...pressable(() => onChoose(value), 'radio')}
      aria-checked={choice === value ? 'true' : 'false'}
      data-testid={testId}
      data-checked={choice === value ? 'true' : 'false'}
      onClick={() => onChoose(value)}
    >
      <Text className="rent-card-option__mark" aria-hidden="true">
        {choice === value ? '●' : '○'}
      </Text>
      <Text className="rent-card-option__text">{text}</Text>
    </View>
  );
  return (
    <View className="field" role="radiogroup" aria-label="收款银行卡（本人）">
      <Text className="field__label">收款银行卡（本人）</Text>
      {option('onFile', `转入预留银行卡：${label}`, 'rent-card-on-file')}
      {option('typed', '转入其他银行卡（输入完整卡号）', 'rent-card-other')}
    </View>
  );
}

function readStoredDraft(): unknown {
  try {
    return Taro.getStorageSync(DRAFT_STORAGE_KEY);
  } catch {
    return undefined;
  }
}

function storeDraft(kept: ReturnType<typeof draftToStore>) {
  try {
    if (kept) Taro.setStorageSync(DRAFT_STORAGE_KEY, kept);
    else Taro.removeStorageSync(DRAFT_STORAGE_KEY);
  } catch {
    // storage full or refused: the form still works, it is just not kept
  }
}

function ApplyForm({
  eligibility,
  bankCardLabel,
  onDone,
  onRefused,
}: {
  eligibility: RentEligibility;
  bankCardLabel?: string;
  onDone: (view: WithdrawalView) => void;
  onRefused: (message: string) => void;
}) {
  // what the member typed before a reload or a back tap (kept on the phone; no card number)
  const [draft, setDraft] = useState<RentDraft>(() => draftFromStore(readStoredDraft()));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const face = useFaceStep();
  const [error, setError] = useState<string>();
  const busyRef = useRef(false);
  // one key per submission: a second tap or a retry after a lost answer reuses it
  const keyRef = useRef(new SubmissionKey());
  const context = { month: eligibility.month, maxAmountFen: eligibility.maxAmountFen, hasCardOnFile: Boolean(bankCardLabel) };
  const checked = validateDraft(draft, context);

  useEffect(() => storeDraft(draftToStore(draft)), [draft]);

  function edit(field: DraftField, value: string) {
    setDraft((previous) => editDraft(previous, field, value, eligibility.maxAmountFen));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
    setConfirming(false);
    setError(undefined);
  }

  function next() {
    if (!checked.ok) {
      setErrors(checked.errors);
      setError('有几项还需要改一下，请看标红的提示。');
      return;
    }
    setErrors({});
    setError(undefined);
    setConfirming(true);
  }

  async function submit() {
    if (!checked.ok || busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const idempotencyKey = keyRef.current.keyFor(checked.body);
      // every withdrawal application is confirmed by the member's face (policy), just before it is sent
      const view = await withFaceCheck(
        (faceCheckId) => request('submitRentWithdrawal', { body: checked.body, idempotencyKey, faceCheckId }),
        () => face.run('WITHDRAWAL'),
      );
      if (!view) return;
      keyRef.current.reset();
      setDraft(EMPTY_DRAFT);
      storeDraft(undefined);
      setConfirming(false);
      onDone(view);
    } catch (caught) {
      if (followAuthError(caught)) return;
      const fields: DraftErrors = {};
      if (isApiError(caught)) {
        for (const item of caught.fields) {
          const field = fieldOf(item.path);
          if (field) fields[field] = item.message;
        }
        // a refusal by the rules (not a lost connection): the page shows it and reads the checks again
        if (caught.status >= 400 && caught.status < 500 && caught.code !== 'INVALID_REQUEST' && caught.fields.length === 0) {
          setConfirming(false);
          onRefused(caught.message);
          return;
        }
      }
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        setConfirming(false);
      }
      // a refused field says why under itself: here only where to look
      setError(Object.keys(fields).length > 0 ? '有一项没有通过，请看标红的提示。' : errorMessage(caught));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }

  const common = { draft, errors, onEdit: edit };
  return (
    <View className="card rent-form">
      <Text className="rent-section">填写租房信息</Text>
      <Field {...common} field="address" label="租住地址" testId="rent-address" maxlength={400} placeholder="例如：浦东新区张江路100弄5号302室" />
      <Field {...common} field="landlordName" label="房东姓名或出租单位" testId="rent-landlord" maxlength={200} placeholder="例如：王建国" />
      <Field
        {...common}
        field="landlordAccount"
        label="房东收款账号"
        testId="rent-landlord-account"
        type="number"
        maxlength={30}
        placeholder="您平时交房租转入的账号"
      />
      <Field {...common} field="rentText" label="每月房租（元）" testId="rent-monthly-rent" type="digit" maxlength={12} placeholder="例如：3000" />
      <Field
        {...common}
        field="contractNo"
        label="备案合同编号（没有可不填）"
        testId="rent-contract-no"
        maxlength={100}
        placeholder="租赁合同办过备案的才有"
      />
      <Field
        {...common}
        field="amountText"
        label="本次提取金额（元）"
        testId="rent-amount"
        type="digit"
        maxlength={12}
        hint={`本月最多 ${formatCurrency(eligibility.maxAmountFen)}，且不超过房租；填好房租后自动算好`}
        placeholder="填好房租后自动填入"
      />
      {bankCardLabel && (
        <CardChoice
          label={bankCardLabel}
          choice={draft.cardChoice}
          onChoose={(cardChoice) => {
            setDraft((previous) => ({ ...previous, cardChoice }));
            setErrors((previous) => ({ ...previous, card: undefined }));
            setConfirming(false);
          }}
        />
      )}
      {bankCardLabel && draft.cardChoice === 'onFile' && errors.card && (
        <View className="field__error" role="alert" data-testid="rent-card-error">
          <Text>{errors.card}</Text>
        </View>
      )}
      {(!bankCardLabel || draft.cardChoice === 'typed') && (
        <Field
          {...common}
          field="card"
          label={bankCardLabel ? '其他银行卡卡号（本人）' : '收款银行卡（本人）'}
          testId="rent-card"
          type="number"
          maxlength={19}
          hint="钱只能转到您本人在公积金中心登记的银行卡"
          placeholder="输入完整卡号"
        />
      )}

      {error && (
        <View className="notice rent-form__error" role="alert" data-testid="error-state">
          <Text>{error}</Text>
        </View>
      )}

      {confirming && checked.ok ? (
        <View className="rent-confirm" data-testid="rent-confirm-box">
          <Text className="rent-confirm__title">请核对后提交</Text>
          <View className="rent-confirm__line">
            <Text>提取金额：</Text>
            <Amount fen={checked.body.amountFen} label="提取金额" className="rent-confirm__amount" />
          </View>
          <Text className="rent-confirm__line">提取月份：{formatYearMonth(checked.body.month)}</Text>
          <Text className="rent-confirm__line">
            转入银行卡：{checked.body.useCardOnFile ? bankCardLabel : `尾号 ${(checked.body.bankCard ?? '').slice(-4)}`}
          </Text>
          <Text className="rent-confirm__line">租住地址：{checked.body.lease.address}</Text>
          <Text className="rent-confirm__line">房东：{checked.body.lease.landlordName}</Text>
          <Text className="rent-confirm__note">提交即承诺所填租房信息真实。本月提取后，下个月 1 日起才能再申请。</Text>
          {face.element}
          <ActionButton className="btn--primary btn--block" testId="rent-submit" disabled={busy} onClick={submit}>
            {busy ? '正在提交…' : '确认提交'}
          </ActionButton>
          <ActionButton className="btn--block rent-confirm__back" testId="rent-edit" disabled={busy} onClick={() => setConfirming(false)}>
            返回修改
          </ActionButton>
        </View>
      ) : (
        <ActionButton className="btn--primary btn--block rent-form__next" testId="rent-confirm" onClick={next}>
          下一步：核对信息
        </ActionButton>
      )}
    </View>
  );
}

function Result({ view, onBack }: { view: WithdrawalView; onBack: () => void }) {
  return (
    <View className="card rent-result" data-testid="rent-result">
      <Text className="rent-section">申请结果</Text>
      <View className={`rent-status rent-status--${view.status.toLowerCase()}`} data-testid="rent-status" role="status">
        <Text>{view.statusLabel}</Text>
      </View>
      <View className="rent-result__amount">
        <Text>提取金额 </Text>
        <Amount fen={view.amountFen} label="提取金额" className="rent-result__fen" />
      </View>
      <Text className="rent-result__line">转入银行卡：{view.bankCardMasked}</Text>
      <Text className="rent-result__line">提取月份：{formatYearMonth(view.month)}</Text>
      <Text className="rent-result__next">{nextStepText(view)}</Text>
      <WithdrawalTimeline view={view} />
      {view.status !== 'CANCELLED' && view.status !== 'REJECTED' && (
        <ReminderSubscribe className="rent-result__btn" testId="rent-subscribe" noticeTestId="rent-subscribe-notice" />
      )}
      {isRateableWithdrawalEnd(view.status) && <RatingPrompt serviceId={`WD-${view.applicationId}`} className="rent-result__btn" />}
      <ActionButton className="btn--primary btn--block rent-result__btn" testId="rent-back" onClick={onBack}>
        完成
      </ActionButton>
    </View>
  );
}

function openDetail(view: WithdrawalView) {
  void Taro.navigateTo({ url: `${PAGES.withdrawal}?id=${encodeURIComponent(view.applicationId)}` });
}

/** 我的申请, newest first (the server's order); older pages on request. */

function History({ first, onCancel }: { first: WithdrawalList; onCancel: (view: WithdrawalView) => void }) {
  const [older, setOlder] = useState<WithdrawalView[]>([]);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setOlder([]);
    setCursor(first.nextCursor);
  }, [first]);

  async function more() {
    if (!cursor || loading) return;
    setLoading(true);
    setError(undefined);
    try {
      const page = await request('myWithdrawals', { query: { cursor } });
      setOlder((previous) => [...previous, ...page.withdrawals]);
      setCursor(page.nextCursor);
    } catch (caught) {
      if (!followAuthError(caught)) setError(caught);
    } finally {
      setLoading(false);
    }
  }

  const withdrawals = [...first.withdrawals, ...older];
  if (withdrawals.length === 0) return <StatusView kind="empty" text="还没有申请过租房提取。" />;
  return (
    <View data-testid="rent-history">
      {withdrawals.map((view) => (
        <View key={view.applicationId} className="card rent-row" data-testid="rent-history-row">
          <View className="rent-row__top">
            <Text className="rent-row__title">{formatYearMonth(view.month)} {WITHDRAWAL_KIND_TITLES[view.kind]}</Text>
            <Amount fen={view.amountFen} label="提取金额" className="rent-row__amount" />
          </View>
          <Text className={`rent-row__status rent-status--${view.status.toLowerCase()}`}>{view.statusLabel}</Text>
          <Text className="rent-row__line">申请时间：{formatChinaTime(view.createdAt)}</Text>
          <Text className="rent-row__line">{view.kind === 'LOAN_TRANSFER' ? '转入贷款还款账户' : '转入银行卡'}：{view.bankCardMasked}</Text>
          {view.rejectionReason && <Text className="rent-row__line">原因：{view.rejectionReason}</Text>}
          <ActionButton className="btn--block rent-row__open" testId="rent-history-open" onClick={() => openDetail(view)}>
            查看办理进度
          </ActionButton>
          {view.cancellable && (
            <ActionButton className="btn--block rent-row__cancel" testId="rent-cancel" onClick={() => onCancel(view)}>
              撤回申请
            </ActionButton>
          )}
        </View>
      ))}
      {error !== undefined && <StatusView kind="error" error={error} onRetry={more} />}
      {cursor && error === undefined && (
        <ActionButton className="btn--block rent-history__more" testId="rent-history-more" disabled={loading} onClick={more}>
          {loading ? '正在加载…' : '查看更早的申请'}
        </ActionButton>
      )}
    </View>
  );
}

export default function RentPage() {
  const [state, reload] = useLoader(() => Promise.all([request('rentEligibility'), request('myAccount')]));
  const [history, reloadHistory] = useLoader(() => request('myWithdrawals'));
  const [result, setResult] = useState<WithdrawalView>();
  const [notice, setNotice] = useState<string>();
  const [refusal, setRefusal] = useState<string>();

  function refreshAll() {
    void reload();
    void reloadHistory();
  }

  /** The answer (paid, or refused) is at the top: bring the member there. */
  function toTop() {
    try {
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch {
      // not there on this platform: the member scrolls up
    }
  }

  // look again until the application reaches a final state (付款中 for seconds, 审核中 for days)
  useWithdrawalProgress(result, (latest) => {
    setResult(latest);
    refreshAll();
  });

  async function cancel(view: WithdrawalView) {
    const { confirm } = await Taro.showModal({
      title: '撤回申请',
      content: `撤回后这次申请就不办了，本月还可以重新申请。确定撤回${formatYearMonth(view.month)}的租房提取吗？`,
      confirmText: '撤回',
      cancelText: '不撤回',
    });
    if (!confirm) return;
    try {
      const updated = await request('cancelWithdrawal', { params: { applicationId: view.applicationId } });
      setNotice(`已撤回：${updated.statusLabel}。`);
      if (result?.applicationId === updated.applicationId) setResult(updated);
      refreshAll();
    } catch (error) {
      if (!followAuthError(error)) setNotice(errorMessage(error));
    }
  }

  return (
    <Screen className="rent">
      <View className="rent__intro">
        <Text className="text-title">租房提取</Text>
        <Text className="text-main rent__lead">租房住的职工，每月可以把公积金提出来交房租，钱转到本人银行卡。</Text>
      </View>
      {notice && (
        <View className="notice" role="status" data-testid="rent-notice">
          <Text>{notice}</Text>
        </View>
      )}
      {refusal && !result && (
        <View className="notice rent-refusal" role="alert" data-testid="error-state">
          <Text className="rent-refusal__title">没有提交成功</Text>
          <Text>{refusal}</Text>
        </View>
      )}
      {result ? (
        <Result
          view={result}
          onBack={() => {
            setResult(undefined);
            refreshAll();
          }}
        />
      ) : (
        <>
          {/* a retired or sealed member, or a borrower, is told what applies instead of the rent rules */}
          {state.status === 'ready' && !state.data[1].advice.rentApplies ? (
            <AdviceCard advice={state.data[1].advice} withSummary testId="rent-advice" />
          ) : (
            <Guide capFen={state.status === 'ready' ? state.data[0].monthlyCapFen : undefined} />
          )}
          {state.status === 'loading' && <StatusView kind="loading" text="正在查询您本月能提多少…" />}
          {state.status === 'error' && <StatusView kind="error" error={state.error} onRetry={reload} />}
          {state.status === 'ready' && state.data[1].advice.rentApplies && (
            <>
              <Eligibility eligibility={state.data[0]} />
              {state.data[0].eligible && !state.data[1].bankCardMasked && (
                <View className="notice" role="alert">
                  <Text>您还没有预留本人银行卡，暂时不能线上提取。请带身份证和银行卡到服务网点登记。</Text>
                </View>
              )}
              {state.data[0].eligible && state.data[1].bankCardMasked && (
                <ApplyForm
                  eligibility={state.data[0]}
                  bankCardLabel={state.data[1].bankCardLabel ?? state.data[1].bankCardMasked}
                  onDone={(view) => {
                    setNotice(undefined);
                    setRefusal(undefined);
                    setResult(view);
                    refreshAll();
                    toTop();
                  }}
                  onRefused={(message) => {
                    setRefusal(message);
                    refreshAll();
                    toTop();
                  }}
                />
              )}
            </>
          )}
        </>
      )}
      <Text className="rent-section rent-section--outer">我的申请</Text>
      {history.status === 'loading' && <StatusView kind="loading" text="正在查询申请记录…" />}
      {history.status === 'error' && <StatusView kind="error" error={history.error} onRetry={reloadHistory} />}
      {history.status === 'ready' && <History first={history.data} onCancel={cancel} />}
    </Screen>
  );
}
