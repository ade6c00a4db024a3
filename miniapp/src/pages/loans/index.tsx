/**
 * 我的贷款 for a borrower: what is still owed, this month's instalment and its day, whether any
 * instalment is overdue (in plain words), the repayments made and the schedule; a loan paid off
 * leads to its 贷款结清证明. 按月还贷 (约定提取): sign it with a face check, or cancel it (this
 * month still pays). 商贷自动划转: the same agreement for a mortgage at a cooperating bank, open
 * to members without an HPF loan too. The figures are the server's, from the loan's terms (the
 * bank's, for a commercial loan); nothing is worked out here.
 */
import { Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { formatCurrency, type AgreementView, type LoanView, type MyLoans, type RepaymentTarget } from '@hpf/shared';
import { useEffect, useState } from 'react';
import { errorMessage, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Amount, TextWithAmounts } from '../../components/Amount';
import { useFaceStep } from '../../components/FaceStep';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { useElderMode } from '../../lib/elder-mode';
import { withFaceCheck } from '../../lib/face-check';
import { fieldLabel } from '../../lib/field-label';
import { followAuthError, PAGES } from '../../lib/navigation';
import { pressable } from '../../lib/pressable';
import { chineseDate } from '../../lib/retirement';
import { useLoader } from '../../lib/use-loader';
import './index.scss';

/** The schedule shown before 查看全部: this month and the year after it (360 rows are for those who ask). */
const SCHEDULE_AHEAD = 12;
const HISTORY_FIRST = 6;
/** SignAgreementRequest's contract number: what the sign button waits for (the server checks it again). */
const CONTRACT_NO = /^[A-Z0-9]{6,32}$/;
/** A month's transfer that left the member something to do reads as an alert, not as news. */
const THIS_MONTH_ALERT = /没有成功|还差|不是您本人|没有查到|没有划转|余额不足/;

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <View className="loan-row" data-testid={testId}>
      <Text className="loan-row__label">{label}</Text>
      <View className="loan-row__value">{children}</View>
    </View>
  );
}

function years(months: number): string {
  return months % 12 === 0 ? `${months / 12}年（${months}期）` : `${months}期`;
}

function ThisMonth({ loan }: { loan: LoanView }) {
  const month = loan.thisMonth;
  if (!month) return null;
  const paid = month.paidFen >= month.paymentFen;
  return (
    <View className={`loan-month ${paid ? 'loan-month--paid' : ''}`} data-testid="loan-this-month">
      <Text className="loan-month__title">本月应还（第{month.period}期）</Text>
      <Amount fen={month.paymentFen} label="本月应还" className="loan-month__amount" testId="loan-this-month-amount" />
      <Text className="loan-line" data-testid="loan-this-month-date">
        还款日 {chineseDate(month.dueDate)} · {paid ? '已还清' : month.paidFen > 0 ? '已还一部分' : month.stateLabel}
      </Text>
      {month.shortfallText && (
        <View className="notice loan-summary--overdue loan-shortfall" role="alert" data-testid="loan-shortfall">
          <Text>{month.shortfallText}</Text>
        </View>
      )}
      <Text className="loan-line loan-line--muted">其中本金 ¥{(month.principalFen / 100).toFixed(2)}，利息 ¥{(month.interestFen / 100).toFixed(2)}</Text>
    </View>
  );
}

function History({ loan }: { loan: LoanView }) {
  const [all, setAll] = useState(false);
  if (loan.repayments.length === 0) return null;
  const shown = all ? loan.repayments : loan.repayments.slice(0, HISTORY_FIRST);
  return (
    <View className="card" data-testid="loan-history">
      <Text className="loan-section">还款记录</Text>
      {shown.map((r) => (
        <View key={r.period} className="loan-item" data-testid="loan-repayment">
          <View className="loan-item__top">
            <Text>第{r.period}期 · {chineseDate(r.paidOn)}</Text>
            <Amount fen={r.fromAccountFen + r.selfPaidFen} label={`第${r.period}期已还`} />
          </View>
          <Text className="loan-item__how">{r.howPaid}</Text>
        </View>
      ))}
      {loan.repayments.length > HISTORY_FIRST && (
        <ActionButton className="btn--block loan-action" testId="loan-history-all" onClick={() => setAll(!all)}>
          {all ? '收起' : `查看全部 ${loan.repayments.length} 笔`}
        </ActionButton>
      )}
    </View>
  );
}

function Schedule({ loan }: { loan: LoanView }) {
  const [all, setAll] = useState(false);
  if (loan.schedule.length === 0) return null;
  const from = Math.max(0, (loan.thisMonth?.period ?? loan.schedule.findIndex((i) => i.state !== 'PAID') + 1) - 1);
  const shown = all ? loan.schedule : loan.schedule.slice(from, from + SCHEDULE_AHEAD);
  return (
    <View className="card" data-testid="loan-schedule">
      <Text className="loan-section">还款计划</Text>
      <Text className="loan-line loan-line--muted">每期还款日、应还多少（本金 + 利息）、还完后还欠多少。</Text>
      {shown.map((i) => (
        <View key={i.period} className={`loan-item loan-item--${i.state.toLowerCase()}`} data-testid="loan-instalment">
          <View className="loan-item__top">
            <Text>第{i.period}期 · {chineseDate(i.dueDate)}</Text>
            <Amount fen={i.paymentFen} label={`第${i.period}期应还`} />
          </View>
          <Text className="loan-item__how">
            {i.stateLabel} · 本金 ¥{(i.principalFen / 100).toFixed(2)} 利息 ¥{(i.interestFen / 100).toFixed(2)} · 还后欠 ¥{(i.balanceAfterFen / 100).toFixed(2)}
          </Text>
        </View>
      ))}
      <ActionButton className="btn--block loan-action" testId="loan-schedule-all" onClick={() => setAll(!all)}>
        {all ? '只看最近一年' : `查看全部 ${loan.schedule.length} 期`}
      </ActionButton>
    </View>
  );
}

function LoanCard({ loan }: { loan: LoanView }) {
  const overdue = loan.overdue.periods > 0;
  return (
    <>
      <View className={`card loan-head loan-head--${loan.status.toLowerCase()}`} data-testid="loan-head" data-status={loan.status}>
        <View className="loan-head__status" data-testid="loan-status">
          <Text>{loan.statusLabel}</Text>
        </View>
        <Text className="loan-head__label">{loan.status === 'PAID_OFF' ? '贷款金额' : '还欠本金'}</Text>
        <Amount fen={loan.status === 'PAID_OFF' ? loan.amountFen : loan.outstandingFen} label={loan.status === 'PAID_OFF' ? '贷款金额' : '还欠本金'} className="loan-head__amount" testId="loan-outstanding" />
        <View className={`notice loan-summary ${overdue ? 'loan-summary--overdue' : 'loan-summary--ok'}`} role={overdue ? 'alert' : 'status'} data-testid="loan-summary">
          <Text>{loan.summary}</Text>
        </View>
        <ThisMonth loan={loan} />
        <Row label="合同号">
          <Text>{loan.contractNo}</Text>
        </Row>
        <Row label="贷款金额">
          <Amount fen={loan.amountFen} label="贷款金额" />
        </Row>
        {loan.rateText && (
          <Row label="年利率">
            <Text>{loan.rateText}</Text>
          </Row>
        )}
        {loan.months !== undefined && (
          <Row label="期限">
            <Text>{years(loan.months)}</Text>
          </Row>
        )}
        {loan.methodLabel && (
          <Row label="还款方式">
            <Text>{loan.methodLabel}</Text>
          </Row>
        )}
        <Row label="放款日期">
          <Text>{chineseDate(loan.startDate)}</Text>
        </Row>
        {loan.payoffDate && (
          <Row label="结清日期">
            <Text>{chineseDate(loan.payoffDate)}</Text>
          </Row>
        )}
        {loan.payoffCertificateAvailable && (
          <ActionButton className="btn--primary btn--block loan-action" testId="loan-payoff-certificate" onClick={() => void Taro.navigateTo({ url: PAGES.certificates })}>
            开具贷款结清证明
          </ActionButton>
        )}
      </View>
      <History loan={loan} />
      <Schedule loan={loan} />
    </>
  );
}

function Agreement({ data, busy, onSign, onCancel }: { data: MyLoans; busy: boolean; onSign: () => void; onCancel: () => void }) {
  const { elder } = useElderMode();
  // a commercial agreement has its own card (CommercialAgreement)
  const agreement = data.agreement?.target === 'HPF_LOAN' ? data.agreement : undefined;
  if (!agreement && !data.canSign) return null;
  return (
    <View className="card loan-agreement" data-testid="loan-agreement">
      <Text className="loan-section">用公积金按月还贷</Text>
      {agreement ? (
        <>
          <View className={`loan-head__status loan-agreement__status--${agreement.status.toLowerCase()}`} data-testid="loan-agreement-status">
            <Text>{agreement.statusLabel}</Text>
          </View>
          <Text className="loan-line" data-testid="loan-agreement-text">{agreement.text}</Text>
        </>
      ) : (
        <Text className="loan-line" data-testid="loan-agreement-offer">
          签约后，每月从您的公积金账户转出当月应还的钱还贷，账户至少留 ¥{(data.retainedMinimumFen / 100).toFixed(2)}。钱不够时，当天告诉您还差多少、要自己存入还款银行卡。随时可以取消，下月起生效。签约期间不能办理租房提取。
        </Text>
      )}
      {elder && !agreement && (
        <Text className="loan-line" data-testid="loan-agreement-elder">签了以后，不用每月跑银行：公积金里的钱自动帮您还房贷。</Text>
      )}
      {data.canSign && (
        <ActionButton className="btn--primary btn--block loan-action" testId="loan-sign" disabled={busy} onClick={onSign}>
          {busy ? '正在签约…' : '签约按月还贷（需刷脸）'}
        </ActionButton>
      )}
      {data.canCancel && agreement && (
        <ActionButton className="btn--block loan-action" testId="loan-cancel" disabled={busy} onClick={onCancel}>
          取消按月还贷
        </ActionButton>
      )}
    </View>
  );
}

/** The card's title; in large text the parenthesis moves to its own line whole, not split. */
function CommercialTitle() {
  return (
    <Text className="loan-section">
      用公积金还商业贷款<Text className="loan-nowrap">（商贷自动划转）</Text>
    </Text>
  );
}

/** What the member fills in for 商贷自动划转 (kept by the page: the card is hidden during the face step). */
interface CommercialDraft {
  bankCode?: string;
  contractNo: string;
}

/** 商贷自动划转 offered: which bank, which contract, and what signing means. */
function CommercialOffer({ data, draft, busy, onChange, onSign }: { data: MyLoans; draft: CommercialDraft; busy: boolean; onChange: (draft: CommercialDraft) => void; onSign: () => void }) {
  const { elder } = useElderMode();
  const ready = Boolean(draft.bankCode) && CONTRACT_NO.test(draft.contractNo);
  const missing = !draft.bankCode ? '请先选择贷款银行。' : !draft.contractNo ? '请填写贷款合同号。' : !ready ? '合同号是 6 到 32 位字母或数字，请对照贷款合同首页再看一遍。' : undefined;
  return (
    <View className="card loan-agreement" data-testid="commercial-card">
      <CommercialTitle />
      <View data-testid="commercial-offer">
        <Text className="loan-line">在下列银行有住房商业贷款的，可以签约：</Text>
        <TextWithAmounts
          className="loan-line loan-point"
          text={`每月按贷款银行告诉我们的本月应还，从您的公积金账户划转到这笔商业贷款的还款账户，账户至少留 ${formatCurrency(data.retainedMinimumFen)}。`}
        />
        <Text className="loan-line loan-point">钱不够、或银行没收下时，当天告诉您还要自己还多少。</Text>
        <Text className="loan-line loan-point">随时可以取消，下月起生效。</Text>
        <Text className="loan-line loan-point">签约期间不能办理租房提取。</Text>
      </View>
      {elder && <Text className="loan-line" data-testid="commercial-elder">签了以后，公积金里的钱每月自动帮您还银行的房贷。</Text>}
      <View className="field" role="radiogroup" aria-label="贷款银行">
        <Text className="field__label">贷款银行</Text>
        <View className="loan-banks">
          {data.cooperatingBanks.map((bank) => {
            const chosen = draft.bankCode === bank.code;
            const choose = () => onChange({ ...draft, bankCode: bank.code });
            return (
              <View
                key={bank.code}
                className={`loan-bank ${chosen ? 'loan-bank--on' : ''}`}
                {...pressable(choose, 'radio')}
                aria-checked={chosen ? 'true' : 'false'}
                data-testid={`commercial-bank-${bank.code}`}
                onClick={choose}
              >
                <Text className="loan-bank__mark" aria-hidden="true">
                  {chosen ? '●' : '○'}
                </Text>
                <Text className="loan-bank__name">{bank.name}</Text>
              </View>
            );
          })}
        </View>
      </View>
      <View className="field">
        <Text className="field__label">贷款合同号</Text>
        <Text className="loan-line loan-line--muted loan-field-hint">合同号印在贷款合同首页，是一串字母或数字，大小写都可以。</Text>
        <Input
          className="field__input"
          data-testid="commercial-contract"
          {...fieldLabel('贷款合同号')}
          type="text"
          maxlength={40}
          placeholder="照合同首页填写"
          placeholderClass="field__placeholder"
          value={draft.contractNo}
          // contract numbers are printed in capitals; a space typed between groups is not part of it
          onInput={(event) => onChange({ ...draft, contractNo: event.detail.value.toUpperCase().replace(/\s/g, '') })}
        />
      </View>
      <ActionButton className="btn--primary btn--block loan-action loan-action--wrap" testId="commercial-sign" disabled={busy || !ready} onClick={onSign}>
        {busy ? (
          '正在签约…'
        ) : (
          <>
            <Text>签约商贷自动划转</Text>
            <Text className="loan-nowrap">（需刷脸）</Text>
          </>
        )}
      </ActionButton>
      {missing && (
        <Text className="loan-line loan-line--muted" data-testid="commercial-missing">
          {missing}
        </Text>
      )}
    </View>
  );
}

/** A signed 商贷自动划转: the bank and contract, what it does, and what this month's transfer did. */
function CommercialAgreement({ agreement, canCancel, busy, onCancel }: { agreement: AgreementView; canCancel: boolean; busy: boolean; onCancel: () => void }) {
  const alert = agreement.thisMonthText !== undefined && THIS_MONTH_ALERT.test(agreement.thisMonthText);
  return (
    <View className="card loan-agreement" data-testid="commercial-agreement">
      <CommercialTitle />
      <View className={`loan-head__status loan-agreement__status--${agreement.status.toLowerCase()}`} data-testid="commercial-agreement-status">
        <Text>{agreement.statusLabel}</Text>
      </View>
      <Row label="贷款银行" testId="commercial-agreement-bank">
        <Text>{agreement.bankName}</Text>
      </Row>
      <Row label="合同号" testId="commercial-agreement-contract">
        <Text>{agreement.contractNo}</Text>
      </Row>
      <TextWithAmounts className="loan-line" testId="commercial-agreement-text" text={agreement.text} />
      {agreement.thisMonthText && (
        <View className={`notice loan-transfer ${alert ? 'loan-summary--overdue' : 'loan-summary--ok'}`} role={alert ? 'alert' : 'status'} data-testid="commercial-this-month">
          <TextWithAmounts text={agreement.thisMonthText} />
        </View>
      )}
      {canCancel && (
        <ActionButton className="btn--block loan-action" testId="loan-cancel" disabled={busy} onClick={onCancel}>
          取消商贷自动划转
        </ActionButton>
      )}
    </View>
  );
}

export default function LoansPage() {
  const [state, reload] = useLoader(() => request('myLoans'));
  const [latest, setLatest] = useState<MyLoans>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; bad: boolean }>();
  const [commercial, setCommercial] = useState<CommercialDraft>({ contractNo: '' });
  const face = useFaceStep();
  const data = latest ?? (state.status === 'ready' ? state.data : undefined);

  usePullDownRefresh(() => {
    setLatest(undefined);
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  // the notice is at the top: a sign button further down (商贷自动划转) would otherwise answer out of sight
  useEffect(() => {
    if (notice) void Taro.pageScrollTo({ selector: '.loan-notice', duration: 200 }).catch(() => undefined);
  }, [notice]);

  /** True when the act was done (not refused, not stopped at the face step). */
  async function act(run: () => Promise<MyLoans | undefined>, done: string): Promise<boolean> {
    setBusy(true);
    setNotice(undefined);
    try {
      const next = await run();
      if (!next) return false;
      setLatest(next);
      setNotice({ text: done, bad: false });
      return true;
    } catch (error) {
      if (followAuthError(error)) return false;
      setNotice({ text: errorMessage(error), bad: true });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const loan = data?.loans.find((l) => l.status === 'OUTSTANDING');
  const agreementSigned = (target: RepaymentTarget, contractNo: string, bankCode?: string) =>
    withFaceCheck(
      (faceCheckId) => request('signRepaymentAgreement', { body: { target, contractNo, ...(bankCode ? { bankCode } : {}) }, faceCheckId }),
      () => face.run('LOAN_AGREEMENT'),
    );
  const sign = () => act(() => agreementSigned('HPF_LOAN', loan!.contractNo), '签约成功。本月起每月从公积金账户帮您还贷，每次还款都会在“消息”里告诉您。');
  async function signCommercial() {
    const done = await act(
      () => agreementSigned('COMMERCIAL', commercial.contractNo, commercial.bankCode),
      '签约成功。每月按贷款银行告诉我们的本月应还，从公积金账户划转还这笔商业贷款，每次划转都会在“消息”里告诉您。',
    );
    if (done) setCommercial({ contractNo: '' });
  }
  async function cancel() {
    const commercialAgreement = data?.agreement?.target === 'COMMERCIAL';
    const { confirm } = await Taro.showModal(
      commercialAgreement
        ? {
            title: '取消商贷自动划转',
            content: '本月照常划转，下月起要您自己按时存入商业贷款的还款账户。确定取消吗？',
            confirmText: '确定取消',
            cancelText: '再想想',
          }
        : {
            title: '取消按月还贷',
            content: '本月照常从公积金账户还贷，下月起要您自己按时存入还款银行卡。确定取消吗？',
            confirmText: '确定取消',
            cancelText: '再想想',
          },
    );
    if (!confirm) return;
    await act(
      () => request('cancelRepaymentAgreement'),
      commercialAgreement ? '已取消。下月起不再从公积金账户划转还商业贷款，请记得按时自己还款。' : '已取消。下月起不再从公积金账户还贷，请记得按时自己还款。',
    );
  }

  const commercialAgreement = data?.agreement?.target === 'COMMERCIAL' ? data.agreement : undefined;
  return (
    <Screen className="loans">
      <Text className="text-title loans__title">我的贷款</Text>
      {state.status === 'loading' && !data && <StatusView kind="loading" text="正在查询您的公积金贷款…" />}
      {state.status === 'error' && !data && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {data && data.loans.length === 0 && <StatusView kind="empty" text="您没有公积金贷款。申请公积金贷款请到服务网点或贷款银行办理。" />}
      {notice && (
        <View className={`notice loan-notice ${notice.bad ? 'loan-notice-bad' : ''}`} role={notice.bad ? 'alert' : 'status'} data-testid="loan-notice">
          <Text>{notice.text}</Text>
        </View>
      )}
      {data && (
        <>
          {face.element}
          {!face.open && (
            <>
              <Agreement data={data} busy={busy} onSign={sign} onCancel={cancel} />
              {commercialAgreement && <CommercialAgreement agreement={commercialAgreement} canCancel={data.canCancel} busy={busy} onCancel={cancel} />}
            </>
          )}
          {data.loans.map((l) => (
            <LoanCard key={l.contractNo} loan={l} />
          ))}
          {/* below the member's own HPF loan: for most it is the second thing on the page, not the first */}
          {!face.open && data.canSignCommercial && data.cooperatingBanks.length > 0 && (
            <CommercialOffer data={data} draft={commercial} busy={busy} onChange={setCommercial} onSign={() => void signCommercial()} />
          )}
        </>
      )}
    </Screen>
  );
}
