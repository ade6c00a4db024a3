import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { LedgerEntryView } from '@hpf/shared';
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Amount, TextWithAmounts } from '../../components/Amount';
import { ReminderSubscribe } from '../../components/ReminderSubscribe';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { formatDate } from '../../lib/format';
import { appendPage, LEDGER_PAGE_SIZE } from '../../lib/ledger-pages';
import { followAuthError } from '../../lib/navigation';
import './index.scss';

type FirstPage = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: unknown };
type More = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: unknown };

/** A message's 查看这笔明细 opens the ledger at its entry: that row is marked and scrolled to. */
const MAX_PAGES_TO_FIND = 3;

function LedgerRow({ entry, highlighted }: { entry: LedgerEntryView; highlighted: boolean }) {
  const credit = entry.amountFen >= 0;
  return (
    <View
      className={`ledger-row ${highlighted ? 'ledger-row--highlight' : ''}`}
      id={`entry-${entry.entryId}`}
      data-testid="ledger-row"
      data-highlighted={highlighted ? 'true' : undefined}
      {...(highlighted ? { 'aria-current': 'true' } : {})}
    >
      {highlighted && <Text className="ledger-row__flag">消息里的这一笔</Text>}
      <View className="ledger-row__main">
        <Text className="ledger-row__kind">{entry.kindLabel}</Text>
        <Amount
          fen={entry.amountFen}
          signed
          label={entry.kindLabel}
          className={`ledger-row__amount ${credit ? 'ledger-row__amount--credit' : 'ledger-row__amount--debit'}`}
        />
      </View>
      <TextWithAmounts className="ledger-row__desc" text={entry.description} />
      <View className="ledger-row__meta">
        <Text className="ledger-row__date">{formatDate(entry.valueDate)}</Text>
        <Text className="ledger-row__after">
          余额 <Amount fen={entry.balanceAfterFen} label="余额" />
        </Text>
      </View>
    </View>
  );
}

export default function LedgerPage() {
  const [wanted] = useState(() => Taro.getCurrentInstance().router?.params?.entry);
  const [entries, setEntries] = useState<LedgerEntryView[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [first, setFirst] = useState<FirstPage>({ status: 'loading' });
  const [more, setMore] = useState<More>({ status: 'idle' });
  // Guards against a reach-bottom firing while a page is already on its way.
  const inFlight = useRef(false);

  const loadFirst = useCallback(async () => {
    inFlight.current = true;
    setFirst((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    try {
      const page = await request('myLedger', { query: { limit: LEDGER_PAGE_SIZE } });
      setEntries(page.entries);
      setCursor(page.nextCursor);
      setMore({ status: 'idle' });
      setFirst({ status: 'ready' });
    } catch (error) {
      if (!followAuthError(error)) setFirst({ status: 'error', error });
    } finally {
      inFlight.current = false;
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (!cursor || inFlight.current) return;
    inFlight.current = true;
    setMore({ status: 'loading' });
    try {
      const page = await request('myLedger', { query: { limit: LEDGER_PAGE_SIZE, cursor } });
      setEntries((previous) => appendPage(previous, page));
      setCursor(page.nextCursor);
      setMore({ status: 'idle' });
    } catch (error) {
      if (!followAuthError(error)) setMore({ status: 'error', error });
    } finally {
      inFlight.current = false;
    }
  }, [cursor]);

  useEffect(() => {
    void loadFirst();
  }, [loadFirst]);

  // the entry a message pointed at: a few more pages if it is not on the first, then scroll to it
  const pagesLoaded = useRef(1);
  const found = Boolean(wanted && entries.some((entry) => entry.entryId === wanted));
  useEffect(() => {
    if (!wanted || first.status !== 'ready') return;
    if (found) {
      void Taro.pageScrollTo({ selector: `#entry-${wanted}`, duration: 0 }).catch(() => undefined);
    } else if (cursor && more.status === 'idle' && pagesLoaded.current < MAX_PAGES_TO_FIND) {
      pagesLoaded.current += 1;
      void loadMore();
    }
  }, [wanted, found, first.status, cursor, more.status, loadMore]);

  usePullDownRefresh(() => {
    void loadFirst().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (more.status === 'idle') void loadMore();
  });

  if (first.status === 'loading') {
    return (
      <Screen className="ledger">
        <StatusView kind="loading" text="正在查询缴存明细…" />
      </Screen>
    );
  }
  if (first.status === 'error') {
    return (
      <Screen className="ledger">
        <StatusView kind="error" error={first.error} onRetry={loadFirst} />
      </Screen>
    );
  }
  // opened from a reminder: that message used its consent, so ask for the next one beside it
  const askAgain = <ReminderSubscribe className="ledger__again" testId="ledger-subscribe" noticeTestId="ledger-subscribe-notice" again />;
  return (
    <Screen className="ledger">
      {wanted && !found && askAgain}
      {entries.length === 0 ? (
        <StatusView kind="empty" text="还没有缴存明细。单位开始缴存后，这里会按月显示。" />
      ) : (
        <View className="card ledger-list" data-testid="ledger-list">
          {entries.map((entry) => (
            <Fragment key={entry.entryId}>
              <LedgerRow entry={entry} highlighted={entry.entryId === wanted} />
              {entry.entryId === wanted && askAgain}
            </Fragment>
          ))}
        </View>
      )}
      {more.status === 'error' && (
        <View className="notice" role="alert">
          <Text>{errorMessage(more.error)}</Text>
        </View>
      )}
      {cursor ? (
        <ActionButton
          className="btn--block"
          testId="load-more"
          disabled={more.status === 'loading'}
          onClick={loadMore}
        >
          {more.status === 'loading' ? '正在加载…' : more.status === 'error' ? '重试' : '加载更多'}
        </ActionButton>
      ) : (
        entries.length > 0 && <Text className="text-small ledger__end">没有更多了</Text>
      )}
    </Screen>
  );
}
