/**
 * 我的贷款 for a borrower: what is still owed, this month's instalment and its day, whether any
 * instalment is overdue (in plain words), the repayments made and the schedule; a loan paid off
 * leads to its 贷款结清证明. 按月还贷 (约定提取): sign it with a face check, or cancel it (this
 * month still pays). The figures are the server's, from the loan's terms; nothing is worked out here.
 */
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { LoanView, MyLoans } from '@hpf/shared';
import { useState } from 'react';
import { errorMessage, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Amount } from '../../components/Amount';
import { useFaceStep } from '../../components/FaceStep';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { useElderMode } from '../../lib/elder-mode';
import { withFaceCheck } from '../../lib/face-check';
import { followAuthError, PAGES } from '../../lib/navigation';
import { chineseDate } from '../../lib/retirement';
import { useLoader } from '../../lib/use-loader';
import './index.scss';

/** The schedule shown before 查看全部: this month and the year after it (360 rows are for those who ask). */
const SCHEDULE_AHEAD = 12;
const HISTORY_FIRST = 6;

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
  if (!data.agreement && !data.canSign) return null;
  return (
    <View className="card loan-agreement" data-testid="loan-agreement">
      <Text className="loan-section">用公积金按月还贷</Text>
      {data.agreement ? (
        <>
          <View className={`loan-head__status loan-agreement__status--${data.agreement.status.toLowerCase()}`} data-testid="loan-agreement-status">
            <Text>{data.agreement.statusLabel}</Text>
          </View>
          <Text className="loan-line" data-testid="loan-agreement-text">{data.agreement.text}</Text>
        </>
      ) : (
        <Text className="loan-line" data-testid="loan-agreement-offer">
          签约后，每月从您的公积金账户转出当月应还的钱还贷，账户至少留 ¥{(data.retainedMinimumFen / 100).toFixed(2)}。钱不够时，当天告诉您还差多少、要自己存入还款银行卡。随时可以取消，下月起生效。签约期间不能办理租房提取。
        </Text>
      )}
      {elder && !data.agreement && (
        <Text className="loan-line" data-testid="loan-agreement-elder">签了以后，不用每月跑银行：公积金里的钱自动帮您还房贷。</Text>
      )}
      {data.canSign && (
        <ActionButton className="btn--primary btn--block loan-action" testId="loan-sign" disabled={busy} onClick={onSign}>
          {busy ? '正在签约…' : '签约按月还贷（需刷脸）'}
        </ActionButton>
      )}
      {data.canCancel && (
        <ActionButton className="btn--block loan-action" testId="loan-cancel" disabled={busy} onClick={onCancel}>
          取消按月还贷
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
  const face = useFaceStep();
  const data = latest ?? (state.status === 'ready' ? state.data : undefined);

  usePullDownRefresh(() => {
    setLatest(undefined);
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function act(run: () => Promise<MyLoans | undefined>, done: string) {
    setBusy(true);
    setNotice(undefined);
    try {
      const next = await run();
      if (!next) return;
      setLatest(next);
      setNotice({ text: done, bad: false });
    } catch (error) {
      if (followAuthError(error)) return;
      setNotice({ text: errorMessage(error), bad: true });
    } finally {
      setBusy(false);
    }
  }

  const loan = data?.loans.find((l) => l.status === 'OUTSTANDING');
  const sign = () =>
    act(
      () => withFaceCheck((faceCheckId) => request('signRepaymentAgreement', { body: { target: 'HPF_LOAN', contractNo: loan!.contractNo }, faceCheckId }), () => face.run('LOAN_AGREEMENT')),
      '签约成功。本月起每月从公积金账户帮您还贷，每次还款都会在“消息”里告诉您。',
    );
  async function cancel() {
    const { confirm } = await Taro.showModal({
      title: '取消按月还贷',
      content: '本月照常从公积金账户还贷，下月起要您自己按时存入还款银行卡。确定取消吗？',
      confirmText: '确定取消',
      cancelText: '再想想',
    });
    if (confirm) await act(() => request('cancelRepaymentAgreement'), '已取消。下月起不再从公积金账户还贷，请记得按时自己还款。');
  }

  return (
    <Screen className="loans">
      <Text className="text-title loans__title">我的贷款</Text>
      {state.status === 'loading' && !data && <StatusView kind="loading" text="正在查询您的公积金贷款…" />}
      {state.status === 'error' && !data && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {data && data.loans.length === 0 && <StatusView kind="empty" text="您没有公积金贷款。申请公积金贷款请到服务网点或贷款银行办理。" />}
      {notice && (
        <View className={`notice ${notice.bad ? 'loan-notice-bad' : ''}`} role={notice.bad ? 'alert' : 'status'} data-testid="loan-notice">
          <Text>{notice.text}</Text>
        </View>
      )}
      {data && data.loans.length > 0 && (
        <>
          {face.element}
          {!face.open && <Agreement data={data} busy={busy} onSign={sign} onCancel={cancel} />}
          {data.loans.map((l) => (
            <LoanCard key={l.contractNo} loan={l} />
          ))}
        </>
      )}
    </Screen>
  );
}
