/**
 * 离退休提取「免申即享」 for the retiree: what was prepared from the 人社 retirement record (the
 * whole balance plus 销户结息, less a loan repaid first), the card it goes to, what happens next;
 * confirm with one tap and a face check, change the card (a face check), or go to a counter
 * instead (it then stays declined). After confirming, the page follows the payout to the end: the
 * money on the card, the account 销户, the 销户凭证 in 消息.
 */
import { Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { RetirementView } from '@hpf/shared';
import { useEffect, useState } from 'react';
import { errorMessage, isApiError, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Amount } from '../../components/Amount';
import { useFaceStep } from '../../components/FaceStep';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { useElderMode } from '../../lib/elder-mode';
import { withFaceCheck } from '../../lib/face-check';
import { fieldLabel } from '../../lib/field-label';
import { followAuthError, PAGES } from '../../lib/navigation';
import { autoPayLine, chineseDate, RETIREMENT_HEADLINES } from '../../lib/retirement';
import { useLoader } from '../../lib/use-loader';
import './index.scss';

/** 服务指南 opened at 离退休提取 (not AdviceCard's openGuide: its styles would come along, in another order). */
const openRetirementGuide = () => void Taro.navigateTo({ url: `${PAGES.guide}?kind=RETIREMENT` });

/** While the payout runs: how often the page asks again (the bank answers in seconds to minutes). */
const FOLLOW_MS = 3000;

function Figure({ label, fen, testId, minus = false }: { label: string; fen: number; testId: string; minus?: boolean }) {
  return (
    <View className="retire-figure">
      <Text className="retire-figure__label">{label}</Text>
      <View className="retire-figure__value">
        {minus && <Text>− </Text>}
        <Amount fen={fen} label={label} testId={testId} />
      </View>
    </View>
  );
}

/** Declined: nothing goes to a card from here — the counter pays the same figures to the card brought there. */
const PAYOUT_WORDS: Partial<Record<RetirementView['status'], string>> = { PAID: '已转到您的银行卡', DECLINED: '到柜台可以全部提取' };

function Figures({ view }: { view: RetirementView }) {
  if (view.payoutFen === undefined) return null;
  const payoutWords = PAYOUT_WORDS[view.status] ?? '转到您的银行卡';
  return (
    <View className="card" data-testid="retirement-figures">
      <Text className="retire-section">{view.status === 'PAID' ? '销户凭证' : '钱是怎么算的'}</Text>
      {view.closedOn && <Text className="retire-line" data-testid="retirement-certificate-date">销户日期：{chineseDate(view.closedOn)}</Text>}
      {view.balanceFen !== undefined && <Figure label="账户余额" fen={view.balanceFen} testId="retirement-balance" />}
      {view.closingInterestFen !== undefined && <Figure label={view.closedOn ? '销户利息（上次结息到销户日）' : '销户利息（上次结息到今天）'} fen={view.closingInterestFen} testId="retirement-interest" />}
      {view.loanRepaymentFen ? <Figure label="先还公积金贷款" fen={view.loanRepaymentFen} testId="retirement-loan" minus /> : null}
      <View className="retire-figure retire-figure--total">
        <Text className="retire-figure__label">{payoutWords}</Text>
        <Amount fen={view.payoutFen} label={payoutWords} className="retire-figure__total" testId="retirement-payout" />
      </View>
      {view.bankCardMasked && view.status !== 'DECLINED' && (
        <View className="retire-figure">
          <Text className="retire-figure__label">收款银行卡</Text>
          <Text className="retire-figure__value" data-testid="retirement-card">{view.bankCardMasked}</Text>
        </View>
      )}
    </View>
  );
}

function Steps({ view }: { view: RetirementView }) {
  if (view.steps.length === 0) return null;
  return (
    <View className="card" data-testid="retirement-steps">
      <Text className="retire-section">接下来</Text>
      {view.steps.map((step, index) => (
        <View key={step} className="retire-step" data-testid="retirement-step">
          <Text className="retire-step__no" aria-hidden="true">{index + 1}</Text>
          <Text className="retire-step__text">{step}</Text>
        </View>
      ))}
    </View>
  );
}

/** 更换收款银行卡: the member's own card only (the server checks with a face check). */
function CardForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (card: string) => void; onCancel: () => void }) {
  const [card, setCard] = useState('');
  const [problem, setProblem] = useState<string>();
  function submit() {
    const digits = card.replace(/\s/g, '');
    if (!/^\d{12,19}$/.test(digits)) return setProblem('银行卡号应为 12 到 19 位数字，请对照卡面再输一遍。');
    setProblem(undefined);
    onSubmit(digits);
  }
  return (
    <View className="card" data-testid="retirement-card-form">
      <Text className="retire-section">换一张收款银行卡</Text>
      <Text className="retire-line">只能是您本人的银行卡。换卡前要刷脸确认是您本人。</Text>
      <Input
        className={`retire-input ${problem ? 'retire-input--error' : ''}`}
        data-testid="retirement-card-input"
        {...fieldLabel('新的银行卡号', Boolean(problem))}
        type="number"
        maxlength={23}
        placeholder="输入您本人的银行卡号"
        placeholderClass="retire-input__placeholder"
        value={card}
        onInput={(event) => setCard(event.detail.value)}
      />
      {problem && (
        <View className="retire-error" role="alert" data-testid="retirement-card-error">
          <Text>{problem}</Text>
        </View>
      )}
      <ActionButton className="btn--primary btn--block retire-action" testId="retirement-card-submit" disabled={busy} onClick={submit}>
        {busy ? '正在更换…' : '刷脸后更换'}
      </ActionButton>
      <ActionButton className="btn--block retire-action" testId="retirement-card-cancel" onClick={onCancel}>
        不换了
      </ActionButton>
    </View>
  );
}

export default function RetirementPage() {
  const [state, reload] = useLoader(() => request('myRetirement'));
  const [latest, setLatest] = useState<RetirementView>();
  const [busy, setBusy] = useState(false);
  const [changing, setChanging] = useState(false);
  const [notice, setNotice] = useState<{ text: string; bad: boolean }>();
  const face = useFaceStep();
  const { elder } = useElderMode();
  const view = latest ?? (state.status === 'ready' ? state.data : undefined);

  usePullDownRefresh(() => {
    setLatest(undefined);
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  // confirmed: follow the payout until the money is on the card and the account closed
  useEffect(() => {
    if (view?.status !== 'CONFIRMED') return undefined;
    const timer = setInterval(() => {
      request('myRetirement').then((next) => {
        setLatest(next);
        // paid (or sent back): "正在转账" no longer holds
        if (next.status !== 'CONFIRMED') setNotice(undefined);
      }, () => undefined);
    }, FOLLOW_MS);
    return () => clearInterval(timer);
  }, [view?.status]);

  async function act(run: () => Promise<RetirementView | undefined>, done: string) {
    setBusy(true);
    setNotice(undefined);
    try {
      const next = await run();
      if (!next) return;
      setLatest(next);
      setChanging(false);
      setNotice({ text: done, bad: false });
    } catch (error) {
      if (followAuthError(error)) return;
      // someone (the 免申即享 clock, another phone) moved it on: show where it stands now
      if (isApiError(error) && error.code === 'RETIREMENT_NOT_PREPARED') request('myRetirement').then(setLatest, () => undefined);
      setNotice({ text: errorMessage(error), bad: true });
    } finally {
      setBusy(false);
    }
  }

  const confirm = () =>
    act(() => withFaceCheck((faceCheckId) => request('confirmRetirement', { faceCheckId }), () => face.run('RETIREMENT')), '已确认，正在把钱转到您的银行卡。');
  const changeCard = (bankCard: string) =>
    act(
      () => withFaceCheck((faceCheckId) => request('changeRetirementCard', { body: { bankCard }, faceCheckId }), () => face.run('CHANGE_CARD')),
      '收款银行卡已更换。',
    );
  async function decline() {
    const { confirm: sure } = await Taro.showModal({
      title: '到柜台办理',
      content: '选了到柜台办理，小程序里就不能再确认这笔提取，也不会自动转账。带上身份证和银行卡到任一服务网点办理。确定吗？',
      confirmText: '到柜台办',
      cancelText: '再想想',
    });
    if (sure) await act(() => request('declineRetirement'), '好的，请到服务网点柜台办理。');
  }

  return (
    <Screen className="retirement">
      <Text className="text-title retirement__title">离退休提取</Text>
      {state.status === 'loading' && !view && <StatusView kind="loading" text="正在查询您的离退休提取…" />}
      {state.status === 'error' && !view && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {view?.status === 'NONE' && (
        <>
          <StatusView kind="empty" text="还没有为您准备离退休提取。我们按人社部门的退休记录办理：退休记录到了，会在这里和“消息”里告诉您。" />
          <ActionButton className="btn--block retire-action" testId="retirement-guide" onClick={openRetirementGuide}>
            查看离退休提取的办事指南
          </ActionButton>
        </>
      )}
      {view && view.status !== 'NONE' && (
        <>
          <View className={`card retire-head retire-head--${view.status.toLowerCase()}`} data-testid="retirement-head" data-status={view.status}>
            <Text className="retire-head__title" data-testid="retirement-headline">{RETIREMENT_HEADLINES[view.status]}</Text>
            <View className="retire-head__status" role="status" data-testid="retirement-status">
              <Text>{view.statusLabel}</Text>
            </View>
            {view.payoutFen !== undefined && view.status !== 'HELD' && (
              <Amount fen={view.payoutFen} label={view.status === 'PAID' ? '已到账' : '可以提取'} className="retire-head__amount" testId="retirement-amount" />
            )}
            {view.retiredOn && <Text className="retire-line">按人社部门的记录，您于 {chineseDate(view.retiredOn)} 退休。</Text>}
            {elder && view.status === 'PREPARED' && (
              <Text className="retire-line" data-testid="retirement-elder">
                这是您这些年存的公积金，加上利息，一次全部给您，不用跑腿、不用交材料。
              </Text>
            )}
            {view.holdMessage && (
              <View className="notice retire-hold" role="alert" data-testid="retirement-hold">
                <Text>{view.holdMessage}</Text>
              </View>
            )}
            {autoPayLine(view, 'page') && (
              <View className="notice retire-autopay" data-testid="retirement-autopay">
                <Text>{autoPayLine(view, 'page')}</Text>
              </View>
            )}
            {view.closedOn && (
              <Text className="retire-line" data-testid="retirement-closed">
                账户已于 {chineseDate(view.closedOn)} 销户。销户凭证已发到“消息”，可以留着备查。
              </Text>
            )}
          </View>

          {notice && (
            <View className={`notice ${notice.bad ? 'retire-notice-bad' : ''}`} role={notice.bad ? 'alert' : 'status'} data-testid="retirement-notice">
              <Text>{notice.text}</Text>
            </View>
          )}

          <Figures view={view} />
          {face.element}
          {view.canConfirm && !changing && !face.open && (
            <ActionButton className="btn--primary btn--block retire-action" testId="retirement-confirm" disabled={busy} onClick={confirm}>
              {busy ? '正在办理…' : '确认提取（需刷脸）'}
            </ActionButton>
          )}
          {changing && <CardForm busy={busy} onSubmit={changeCard} onCancel={() => setChanging(false)} />}
          <Steps view={view} />
          {view.status === 'PAID' && (
            <ActionButton className="btn--primary btn--block retire-action" testId="retirement-messages" onClick={() => void Taro.navigateTo({ url: PAGES.messages })}>
              到“消息”里看销户凭证
            </ActionButton>
          )}
          {view.canChangeCard && !changing && !face.open && (
            <ActionButton className="btn--block retire-action" testId="retirement-change-card" disabled={busy} onClick={() => setChanging(true)}>
              换一张收款银行卡
            </ActionButton>
          )}
          {view.canDecline && !face.open && (
            <ActionButton className="btn--block retire-action" testId="retirement-decline" disabled={busy} onClick={decline}>
              不在线办，到柜台办理
            </ActionButton>
          )}
          <ActionButton className="btn--block retire-action" testId="retirement-guide" onClick={openRetirementGuide}>
            办事指南：带什么、去哪里
          </ActionButton>
        </>
      )}
    </Screen>
  );
}
