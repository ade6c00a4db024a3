import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MemberAdvice } from '@hpf/shared';
import { PAGES } from '../lib/navigation';
import { ActionButton } from './ActionButton';
import './advice-card.scss';

/** The 服务指南, opened at the withdrawal type that matters most to this member. */
export function openGuide(kind?: string) {
  void Taro.navigateTo({ url: kind ? `${PAGES.guide}?kind=${encodeURIComponent(kind)}` : PAGES.guide });
}

/**
 * What applies to this member now (the server's `advice`, from their real situation): what to do,
 * where, what to bring, with the way into 服务指南. `withSummary` where the balance card does not
 * already say the account's state.
 */
export function AdviceCard({ advice, withSummary = false, testId }: { advice: MemberAdvice; withSummary?: boolean; testId: string }) {
  return (
    <View className="card advice" data-testid={testId} data-situation={advice.situation}>
      <Text className="advice__title">{advice.title}</Text>
      {withSummary && <Text className="advice__summary">{advice.summary}</Text>}
      <View className="advice__steps">
        {advice.steps.map((step) => (
          <View key={step} className="advice__step" data-testid={`${testId}-step`}>
            <Text className="advice__dot" aria-hidden="true">
              •
            </Text>
            <Text className="advice__text">{step}</Text>
          </View>
        ))}
      </View>
      <ActionButton className="btn--block advice__guide" testId={`${testId}-guide`} onClick={() => openGuide(advice.guideKinds[0])}>
        查看服务指南
      </ActionButton>
    </View>
  );
}
