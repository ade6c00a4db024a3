import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RetirementView } from '@hpf/shared';
import { PAGES } from '../lib/navigation';
import { autoPayLine, RETIREMENT_HEADLINES } from '../lib/retirement';
import { ActionButton } from './ActionButton';
import { Amount } from './Amount';

/**
 * 离退休提取 on the retiree's home, first: what is coming and the way in. The details, the face
 * check and the choices live on the 离退休提取 page (a subpackage: the main package is at its budget).
 */
export function RetirementNotice({ view }: { view: RetirementView }) {
  if (view.status === 'NONE') return null;
  const paid = view.status === 'PAID';
  return (
    <View className={`card retire-notice retire-notice--${view.status.toLowerCase()}`} data-testid="home-retirement" data-status={view.status}>
      <Text className="retire-notice__title">{RETIREMENT_HEADLINES[view.status]}</Text>
      {view.payoutFen !== undefined && view.status !== 'HELD' && (
        <View className="retire-notice__amount">
          <Text>{paid ? '已转到您的银行卡 ' : '可以提取 '}</Text>
          <Amount fen={view.payoutFen} label={paid ? '已到账' : '可以提取'} className="retire-notice__fen" testId="home-retirement-amount" />
        </View>
      )}
      {view.status === 'HELD' && view.holdMessage && <Text className="retire-notice__line">{view.holdMessage}</Text>}
      {autoPayLine(view, 'home') && (
        <Text className="retire-notice__line" data-testid="home-retirement-autopay">
          {autoPayLine(view, 'home')}
        </Text>
      )}
      <ActionButton
        className="btn--primary btn--block retire-notice__go"
        testId="home-retirement-open"
        onClick={() => void Taro.navigateTo({ url: PAGES.retirement })}
      >
        {view.status === 'PREPARED' ? '查看并确认提取' : '查看详情'}
      </ActionButton>
    </View>
  );
}
