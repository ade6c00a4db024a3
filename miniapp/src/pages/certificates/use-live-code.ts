import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { isApiError, request, type ApiError } from '../../api/client';
import { attempt, canUse } from '../../lib/device';
import { followAuthError } from '../../lib/navigation';
import { qrDataUrl } from '../../lib/qr';

export interface LiveCode {
  payload: string;
  imageUrl: string;
  validUntil: string;
}

const RETRY_MS = 5_000;
const ENDED = ['CERT_REVOKED', 'CERT_EXPIRED', 'CERT_NOT_FOUND'];

/**
 * The certificate's current code, fetched again each time the server says (every 60 s) for as
 * long as it is on screen: the member never runs out of time. A failed fetch keeps the last code
 * and retries quietly (one problem for one outage, not a new one each retry); a revoked or
 * expired certificate stops the refreshing. Offline, the code is said as valid until its own
 * time, and the moment the network is back a new one is fetched.
 */
export function useLiveCode(certificateId: string) {
  const [code, setCode] = useState<LiveCode>();
  const [problem, setProblem] = useState<unknown>();
  const [ended, setEnded] = useState<ApiError>();
  const [offline, setOffline] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const nextAt = useRef(Number.POSITIVE_INFINITY);

  useEffect(() => {
    let alive = true;
    let busy = false;
    let stopped = false;
    setCode(undefined);
    setEnded(undefined);
    setProblem(undefined);
    setOffline(false);

    async function fetchCode() {
      busy = true;
      try {
        const answer = await request('certificateCode', { params: { certificateId } });
        if (!alive) return;
        const imageUrl = qrDataUrl(answer.payload);
        nextAt.current = Date.now() + Math.max(10, answer.refreshAfterSeconds) * 1000;
        setCode({ payload: answer.payload, imageUrl, validUntil: answer.validUntil });
        setProblem(undefined);
        setOffline(false);
      } catch (error) {
        if (!alive) return;
        if (isApiError(error) && ENDED.includes(error.code)) {
          stopped = true;
          setEnded(error);
        } else if (followAuthError(error)) {
          stopped = true;
        } else {
          nextAt.current = Date.now() + RETRY_MS;
          if (isApiError(error) && error.code === 'NETWORK') setOffline(true);
          // the first failure stands for the outage: retries do not announce it again
          setProblem((previous: unknown) => previous ?? error);
        }
      } finally {
        busy = false;
        if (alive) setNow(Date.now());
      }
    }

    void fetchCode();
    const timer = setInterval(() => {
      const time = Date.now();
      setNow(time);
      if (!stopped && !busy && time >= nextAt.current) void fetchCode();
    }, 1000);
    // the network back: a new code now, not at the next retry
    const online = () => {
      if (!stopped && !busy) void fetchCode();
    };
    const lost = () => setOffline(true);
    const unwatch = watchNetwork(online, lost);
    return () => {
      alive = false;
      clearInterval(timer);
      unwatch();
    };
  }, [certificateId]);

  const secondsLeft = Math.max(0, Math.ceil((nextAt.current - now) / 1000));
  const validLeft = code ? Math.max(0, Math.ceil((Date.parse(code.validUntil) - now) / 1000)) : 0;
  const stale = code !== undefined && validLeft === 0;
  return { code, problem, offline, ended, secondsLeft, validLeft, stale };
}

/** Calls back when the phone goes off or back on line: WeChat's event, or the browser's in h5. */
function watchNetwork(online: () => void, lost: () => void): () => void {
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    window.addEventListener('online', online);
    window.addEventListener('offline', lost);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', lost);
    };
  }
  if (!canUse('onNetworkStatusChange')) return () => undefined;
  const listener = ({ isConnected }: { isConnected: boolean }) => (isConnected ? online() : lost());
  attempt(() => Taro.onNetworkStatusChange(listener));
  return () => {
    if (canUse('offNetworkStatusChange')) attempt(() => Taro.offNetworkStatusChange(listener));
  };
}

/** 14:05:09 in China time: until when a code on screen still works. */
export function clockTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000);
  return local.toISOString().slice(11, 19);
}

/** What the line under the code says: the next refresh, or offline, how long this code still works. */
export function countdownText(live: { code?: LiveCode; problem: unknown; offline: boolean; secondsLeft: number; validLeft: number }): string {
  if ((live.problem === undefined && !live.offline) || !live.code) return live.secondsLeft > 0 ? `${live.secondsLeft} 秒后自动换新码` : '正在换新码…';
  if (live.validLeft === 0) return live.offline ? '已过期 — 联网后自动刷新' : '已过期 — 正在重新获取';
  return `这个码 ${clockTime(live.code.validUntil)} 前有效（还有 ${live.validLeft} 秒）`;
}

/**
 * While a code is on screen: full brightness (restored after), screenshots hidden where WeChat
 * can, and a notice when the member takes one anyway.
 */
export function useCodeScreen(onCapture: () => void) {
  const captureRef = useRef(onCapture);
  captureRef.current = onCapture;

  useEffect(() => {
    let previous: number | undefined;
    let left = false;
    if (canUse('getScreenBrightness') && canUse('setScreenBrightness')) {
      attempt(() =>
        Taro.getScreenBrightness().then(({ value }) => {
          if (left) return;
          previous = value;
          return Taro.setScreenBrightness({ value: 1 });
        }),
      );
    }
    if (canUse('setVisualEffectOnCapture')) attempt(() => Taro.setVisualEffectOnCapture({ visualEffect: 'hidden' }));
    const listener = () => captureRef.current();
    const listening = canUse('onUserCaptureScreen');
    if (listening) attempt(() => Taro.onUserCaptureScreen(listener));

    return () => {
      left = true;
      if (previous !== undefined) {
        const value = previous;
        attempt(() => Taro.setScreenBrightness({ value }));
      }
      if (canUse('setVisualEffectOnCapture')) attempt(() => Taro.setVisualEffectOnCapture({ visualEffect: 'none' }));
      if (listening && canUse('offUserCaptureScreen')) attempt(() => Taro.offUserCaptureScreen(listener));
    };
  }, []);
}
