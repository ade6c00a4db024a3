import { Text, View } from '@tarojs/components';
import type { WithdrawalView } from '@hpf/shared';
import { formatChinaTime } from '../lib/certificate-facts';
import './withdrawal-progress.scss';

/** States after which nothing more happens to an application. */
export const FINAL_STATUSES: ReadonlySet<WithdrawalView['status']> = new Set(['PAID', 'REJECTED', 'CANCELLED', 'PAYOUT_FAILED']);

/** 办理进度: every step so far, the newest marked. */
export function WithdrawalTimeline({ view }: { view: WithdrawalView }) {
  const last = view.timeline.length - 1;
  return (
    <View className="rent-timeline" data-testid="rent-timeline">
      {view.timeline.map((step, index) => (
        <View key={`${step.status}-${index}`} className={`rent-step ${index === last ? 'rent-step--now' : ''}`} data-testid="rent-timeline-step">
          <Text className="rent-step__dot" aria-hidden="true">
            {index === last ? '●' : '○'}
          </Text>
          <View className="rent-step__body">
            <Text className="rent-step__label">{step.label}</Text>
            <Text className="rent-step__time">{formatChinaTime(step.at)}</Text>
            {step.note && <Text className="rent-step__note">{step.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}

/** What happens next, or why it ended, in plain words. */
export function nextStepText(view: WithdrawalView): string {
  switch (view.status) {
    case 'PAID':
      return `钱已转入您的银行卡 ${view.bankCardMasked}，请留意银行到账短信。`;
    case 'PENDING_REVIEW':
      return '需要工作人员核实租房信息，一般 1 到 3 个工作日内办完，结果会在这里显示。审核通过前可以撤回。';
    case 'APPROVED':
    case 'PAYING':
      return '审核已通过，正在转账到您的银行卡，几分钟内到账。';
    case 'MANUAL_CHECK':
      return '银行还没有确认这笔付款，工作人员正在向银行核实。钱不会重复转出，核实后会在这里显示结果。';
    case 'REJECTED':
      return view.rejectionReason ? `没有通过：${view.rejectionReason.replace(/^审核未通过：/, '')}` : '没有通过审核。';
    case 'CANCELLED':
      return '您已撤回这次申请，本月还可以重新申请。';
    case 'PAYOUT_FAILED':
      return view.payoutFailure ?? '银行没有转账成功，钱已退回您的公积金账户。请确认银行卡状态正常后重新申请。';
    default:
      return '';
  }
}
