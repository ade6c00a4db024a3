import { useUnload } from '@tarojs/taro';
import type { WithdrawalView } from '@hpf/shared';
import { useEffect, useRef } from 'react';
import { request } from '../api/client';
import { FINAL_STATUSES } from '../components/WithdrawalProgress';

/** Often while a payout is usually seconds away, then calmer while a review takes its days. */
export function pollDelayMs(tries: number): number {
  if (tries < 30) return 2_000;
  if (tries < 60) return 10_000;
  return 30_000;
}

/**
 * Reads one application again (GET /v1/me/withdrawals/{id}) until it reaches a final state —
 * 已到账, 未通过, 已撤回 or 付款失败 — and reports every change. A failed read keeps the last known
 * state and tries again.
 */
export function useWithdrawalProgress(view: WithdrawalView | undefined, onChange: (latest: WithdrawalView) => void): void {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    if (!view || FINAL_STATUSES.has(view.status)) return undefined;
    let tries = 0;
    let stopped = false;
    const poll = async () => {
      tries += 1;
      try {
        const latest = await request('myWithdrawal', { params: { applicationId: view.applicationId } });
        if (stopped) return;
        if (latest.status !== view.status || latest.timeline.length !== view.timeline.length) {
          changed.current(latest);
          return; // the effect starts again for the new state
        }
      } catch {
        // keep the last known state; look again
      }
      if (!stopped) timer.current = setTimeout(poll, pollDelayMs(tries));
    };
    timer.current = setTimeout(poll, 1_500);
    return () => {
      stopped = true;
      clearTimeout(timer.current);
    };
  }, [view?.applicationId, view?.status, view?.timeline.length]);
  useUnload(() => clearTimeout(timer.current));
}
