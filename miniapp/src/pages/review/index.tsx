import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ResponseOf } from '@hpf/shared';
import { useEffect, useState } from 'react';
import { errorMessage, isApiError, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Amount } from '../../components/Amount';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { TextLink } from '../../components/TextLink';
import { formatChinaTime } from '../../lib/certificate-facts';
import { formatYearMonth } from '../../lib/format';
import { PAGES } from '../../lib/navigation';
import { clearStaffSession, loadStaffSession, type StaffSession } from '../../lib/staff-session';
import { useLoader } from '../../lib/use-loader';
import { fieldLabel } from '../../lib/field-label';
import { REVIEW_DECISION_LABELS as DECISION_LABELS, reviewTurn, reviewTurnHint, type ReviewDecision as Decision } from '@hpf/shared/src/display/review';
import './index.scss';

type Item = ResponseOf<'reviewQueue'>['items'][number];
function isSignInError(error: unknown): boolean {
  return isApiError(error) && (error.code === 'SESSION_EXPIRED' || error.code === 'UNAUTHENTICATED');
}

function backToSignIn() {
  clearStaffSession();
  void Taro.redirectTo({ url: PAGES.staffLogin });
}

function ReviewCard({ item, staff, onDone }: { item: Item; staff: StaffSession; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const first = item.firstDecision;
  const turn = reviewTurn(first, staff.username);

  async function decide(decision: Decision) {
    if (busy) return;
    if (reason.trim().length < 2) {
      setError('请先写明审核意见（至少 2 个字）');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const view = await request('reviewWithdrawal', { params: { applicationId: item.applicationId }, body: { decision, reason: reason.trim() } });
      onDone(`${item.memberName} ${formatYearMonth(item.month)}：已${first ? '复核' : '初审'}${DECISION_LABELS[decision]}，当前状态 ${view.statusLabel}。`);
    } catch (caught) {
      if (isSignInError(caught)) return backToSignIn();
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="card review-item" data-testid="review-item">
      <View className="review-item__top">
        <Text className="review-item__name">
          {item.memberName}（{item.accountNo}）
        </Text>
        <Amount fen={item.amountFen} label="申请金额" className="review-item__amount" />
      </View>
      <Text className="review-item__line">
        {formatYearMonth(item.month)} 租房提取 · 申请于 {formatChinaTime(item.createdAt)}
      </Text>

      <Text className="review-sub">需要核实（风险提示）</Text>
      <View data-testid="review-flags">
        {item.flags.length === 0 ? (
          <Text className="review-item__line">无风险提示</Text>
        ) : (
          item.flags.map((flag) => (
            <View key={flag.code} className="review-flag" data-testid="review-flag">
              <Text className="review-flag__mark" aria-hidden="true">
                !
              </Text>
              <Text className="review-flag__text">{flag.reason}</Text>
            </View>
          ))
        )}
      </View>

      {/* a counter 销户提取 has no lease: the console shows its documents and payee */}
      {item.lease && (<>
      <Text className="review-sub">租房信息</Text>
      <View className="facts" data-testid="review-lease">
        {[
          ['租住地址', item.lease.address],
          ['房东', item.lease.landlordName],
          ['房东收款账号', item.lease.landlordAccount],
          ['备案合同编号', item.lease.registeredContractNo ?? '未备案'],
        ].map(([label, value]) => (
          <View key={label} className="facts__row">
            <Text className="facts__label">{label}</Text>
            <Text className="facts__value">{value}</Text>
          </View>
        ))}
        <View className="facts__row">
          <Text className="facts__label">月租金</Text>
          <View className="facts__value">
            <Amount fen={item.lease.monthlyRentFen} label="月租金" />
          </View>
        </View>
      </View>
      </>)}

      <Text className="review-sub">审核记录</Text>
      {first ? (
        <View className={`review-first review-first--${first.decision.toLowerCase()}`} data-testid="review-first">
          <Text className="review-first__head">
            初审：{first.by} {DECISION_LABELS[first.decision]}（{formatChinaTime(first.at)}）
          </Text>
          <Text className="review-first__reason">意见：{first.reason}</Text>
          <Text className="review-first__hint">{reviewTurnHint(turn)}</Text>
        </View>
      ) : (
        <Text className="review-item__line">{reviewTurnHint(turn)}</Text>
      )}

      <View className="field">
        <Text className="field__label">审核意见</Text>
        <Input
          className="field__input"
          data-testid="review-reason"
          {...fieldLabel('审核意见')}
          maxlength={200}
          placeholder="例如：租赁合同与地址核实无误"
          placeholderClass="field__placeholder"
          value={reason}
          onInput={(event) => {
            setReason(event.detail.value);
            setError(undefined);
          }}
        />
      </View>
      {error && (
        <View className="notice" role="alert" data-testid="error-state">
          <Text>{error}</Text>
        </View>
      )}
      <View className="review-actions">
        <ActionButton className="btn--primary review-actions__btn" testId="review-approve" disabled={busy} onClick={() => decide('APPROVE')}>
          同意
        </ActionButton>
        <ActionButton className="review-actions__btn review-actions__reject" testId="review-reject" disabled={busy} onClick={() => decide('REJECT')}>
          不同意
        </ActionButton>
      </View>
    </View>
  );
}

export default function ReviewPage() {
  const [staff] = useState<StaffSession | undefined>(() => loadStaffSession());
  const [state, reloadFirst] = useLoader(() => (staff ? request('reviewQueue') : Promise.resolve({ items: [] as Item[], nextCursor: undefined })));
  const [notice, setNotice] = useState<string>();
  // later pages of the queue, asked for with 加载更多; a reload starts again from the oldest
  const [later, setLater] = useState<{ items: Item[]; nextCursor?: string; loaded: boolean }>({ items: [], loaded: false });
  const [moreError, setMoreError] = useState<unknown>();
  const reload = async () => {
    setLater({ items: [], loaded: false });
    setMoreError(undefined);
    await reloadFirst();
  };
  const nextCursor = state.status === 'ready' ? (later.loaded ? later.nextCursor : state.data.nextCursor) : undefined;
  const loadMore = async () => {
    if (!nextCursor) return;
    try {
      const page = await request('reviewQueue', { query: { cursor: nextCursor } });
      setLater((previous) => ({ items: [...previous.items, ...page.items], nextCursor: page.nextCursor, loaded: true }));
      setMoreError(undefined);
    } catch (error) {
      setMoreError(error);
    }
  };

  useEffect(() => {
    if (!staff) void Taro.redirectTo({ url: PAGES.staffLogin });
  }, [staff]);
  useEffect(() => {
    if (state.status === 'error' && isSignInError(state.error)) backToSignIn();
  }, [state]);

  if (!staff) return <Screen className="review" />;

  return (
    <Screen className="review">
      <View className="review__who">
        <Text className="text-main">
          审核人：{staff.displayName}（{staff.username}）
        </Text>
        <TextLink testId="staff-sign-out" onClick={backToSignIn}>
          退出
        </TextLink>
      </View>
      <View className="review__head">
        <Text className="text-title">提取审核</Text>
        <TextLink testId="staff-verify-entry" onClick={() => void Taro.navigateTo({ url: PAGES.verifyScan })}>
          扫码核验
        </TextLink>
      </View>
      <Text className="text-small review__lead">每笔需两位审核人员：一人初审，另一人复核。带风险提示的申请请逐条核实后再决定。</Text>
      {!staff.roles.includes('REVIEWER') && (
        <View className="notice" role="alert">
          <Text>您的账号没有审核权限，请用审核岗账号登录。</Text>
        </View>
      )}
      {notice && (
        <View className="notice" role="status" data-testid="review-notice">
          <Text>{notice}</Text>
        </View>
      )}
      <ActionButton className="btn--block review__refresh" testId="review-refresh" onClick={reload}>
        刷新待审列表
      </ActionButton>
      {state.status === 'loading' && <StatusView kind="loading" text="正在查询待审核的申请…" />}
      {state.status === 'error' && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.data.items.length === 0 && <StatusView kind="empty" text="没有待审核的申请。" />}
      {state.status === 'ready' &&
        [...state.data.items, ...later.items].map((item) => (
          <ReviewCard
            key={item.applicationId}
            item={item}
            staff={staff}
            onDone={(message) => {
              setNotice(message);
              void reload();
            }}
          />
        ))}
      {moreError !== undefined && <StatusView kind="error" error={moreError} onRetry={loadMore} />}
      {nextCursor && (
        <ActionButton className="btn--block" testId="review-more" onClick={loadMore}>
          加载更多待审核申请
        </ActionButton>
      )}
    </Screen>
  );
}
