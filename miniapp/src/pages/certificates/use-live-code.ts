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
 * and retries; a revoked or expired certificate stops the refreshing.
 */
export function useLiveCode(certificateId: string) {
  const [code, setCode] = useState<LiveCode>();
  const [problem, setProblem] = useState<unknown>();
  const [ended, setEnded] = useState<ApiError>();
  const [now, setNow] = useState(() => Date.now());
  const nextAt = useRef(Number.POSITIVE_INFINITY);

  useEffect(() => {
    let alive = true;
    let busy = false;
    let stopped = false;
    setCode(undefined);
    setEnded(undefined);
    setProblem(undefined);

    async function fetchCode() {
      busy = true;
      try {
        const answer = await request('certificateCode', { params: { certificateId } });
        if (!alive) return;
        const imageUrl = qrDataUrl(answer.payload);
        nextAt.current = Date.now() + Math.max(10, answer.refreshAfterSeconds) * 1000;
        setCode({ payload: answer.payload, imageUrl, validUntil: answer.validUntil });
        setProblem(undefined);
      } catch (error) {
        if (!alive) return;
        if (isApiError(error) && ENDED.includes(error.code)) {
          stopped = true;
          setEnded(error);
        } else if (followAuthError(error)) {
          stopped = true;
        } else {
          nextAt.current = Date.now() + RETRY_MS;
          setProblem(error);
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
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [certificateId]);

  const secondsLeft = Math.max(0, Math.ceil((nextAt.current - now) / 1000));
  const stale = code !== undefined && Date.parse(code.validUntil) <= now;
  return { code, problem, ended, secondsLeft, stale };
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
