import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { MyRatings } from '@hpf/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { request } from '../api/client';
import { PAGES } from '../lib/navigation';
import { TextLink } from './TextLink';

type Service = MyRatings['services'][number];
// 不用了 is kept by the server (asked on no device again); this copy hides the card at once and while offline
const DISMISSED_KEY = 'hpf.ratingPromptDismissed';

function dismissed(): string[] {
  try {
    const stored: unknown = Taro.getStorageSync(DISMISSED_KEY);
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** What the member is asked about a service, if anything: rate it, or look at the 回访 of their 差评. */
export function promptFor(service: Service, dismissedIds: readonly string[]): 'rate' | 'reply' | undefined {
  if (service.rating?.case?.status === 'FOLLOWED_UP' && service.rating.case.resolved === undefined) return 'reply';
  if (service.canRate && !service.rating && !service.declined && !dismissedIds.includes(service.serviceId)) return 'rate';
  return undefined;
}

/**
 * The gentle 好差评 prompt: a card in the page, never a pop-up. One per service, and once it is
 * rated or the member taps 不用了 it is never shown again (on any device: the server keeps it). A failed load shows nothing:
 * the prompt is an offer, not the page's content.
 */
export function RatingPrompt({ serviceId, className }: { serviceId?: string; className?: string }) {
  const [services, setServices] = useState<Service[]>([]);
  const [hidden, setHidden] = useState<string[]>(dismissed);

  const live = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // a service that has only just ended may not be listed on the first read: look a few times more
  const read = useCallback(
    (triesLeft: number) => {
      request('myRatings')
        .then((data) => {
          if (!live.current) return;
          setServices(data.services);
          if (serviceId && triesLeft > 0 && !data.services.some((service) => service.serviceId === serviceId)) timer.current = setTimeout(() => read(triesLeft - 1), 2_000);
        })
        .catch(() => undefined);
    },
    [serviceId],
  );
  useEffect(() => {
    live.current = true;
    read(serviceId ? 4 : 0);
    return () => {
      live.current = false;
      clearTimeout(timer.current);
    };
  }, [read, serviceId]);
  // back on the page (after rating it, from the rating screen): read again, so a rated service is not offered still
  useDidShow(() => read(0));

  const shown = services.filter((service) => (!serviceId || service.serviceId === serviceId) && promptFor(service, hidden));
  if (shown.length === 0) return null;

  function notNow(id: string) {
    const next = [...hidden, id];
    setHidden(next);
    try {
      Taro.setStorageSync(DISMISSED_KEY, next);
    } catch {
      // storage full or unavailable: the server's record still holds
    }
    // recorded for the member, so another phone does not ask either; a failure leaves this device's copy
    request('declineRating', { params: { serviceId: id } }).catch(() => undefined);
  }

  return (
    <View className={`rating-prompts ${className ?? ''}`}>
      {shown.map((service) => {
        const kind = promptFor(service, hidden);
        const open = () => void Taro.navigateTo({ url: `${PAGES.rating}?service=${encodeURIComponent(service.serviceId)}` });
        return (
          <View key={service.serviceId} className="card rating-prompt" data-testid="rating-prompt" data-service={service.serviceId}>
            <Text className="rating-prompt__title">{kind === 'reply' ? '您反映的问题已回访' : '请为这次办事打个分'}</Text>
            <Text className="rating-prompt__text">
              {kind === 'reply'
                ? `${service.serviceLabel}：办理网点已处理并回访，请看看结果，告诉我们问题是否已解决。`
                : `${service.serviceLabel}（${service.summary}）。您的评价会转给办理网点，不满意的会有专人跟进。`}
            </Text>
            <View className="rating-prompt__actions">
              <TextLink testId="rating-prompt-open" onClick={open}>
                {kind === 'reply' ? '查看处理结果' : '去评价'}
              </TextLink>
              {kind === 'rate' && (
                <TextLink className="rating-prompt__later" testId="rating-prompt-dismiss" onClick={() => notNow(service.serviceId)}>
                  不用了
                </TextLink>
              )}
            </View>
          </View>
        );
      })}
    </View>
  );
}
