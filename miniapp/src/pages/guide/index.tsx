import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ServiceGuide, WithdrawalGuide } from '@hpf/shared';
import { request } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { StatusView } from '../../components/StatusView';
import { useLoader } from '../../lib/use-loader';
import './index.scss';

/** Tap to call: WeChat's dialer in the mini program, a tel: link in the browser. */
function CallButton({ number }: { number: string }) {
  const text = `拨打 ${number}`;
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a className="btn btn--primary btn--block guide-call" href={`tel:${number}`} data-testid="guide-call">
        {text}
      </a>
    );
  }
  return (
    <ActionButton className="btn--primary btn--block guide-call" testId="guide-call" onClick={() => void Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined)}>
      {text}
    </ActionButton>
  );
}

function Hotline({ guide }: { guide: ServiceGuide }) {
  return (
    <View className="card guide-hotline" data-testid="guide-hotline">
      <Text className="guide-section">服务热线</Text>
      <Text className="guide-hotline__number">{guide.hotline}</Text>
      <Text className="guide-line">{guide.hotlineHours}</Text>
      {guide.hotlineNote && <Text className="guide-line guide-muted">{guide.hotlineNote}</Text>}
      <CallButton number={guide.hotline} />
    </View>
  );
}

function Withdrawal({ item, mine }: { item: WithdrawalGuide; mine: boolean }) {
  return (
    <View className={`card guide-type ${mine ? 'guide-type--mine' : ''}`} data-testid={`guide-withdrawal-${item.kind}`} data-online={item.online ? 'true' : 'false'}>
      <View className="guide-type__top">
        <Text className="guide-type__name">{item.name}</Text>
        <Text className={`guide-badge ${item.online ? 'guide-badge--online' : ''}`}>{item.online ? '可线上办理' : '到柜台办理'}</Text>
      </View>
      {mine && <Text className="guide-type__mine">与您的情况有关</Text>}
      <Text className="guide-label">谁可以办</Text>
      <Text className="guide-line">{item.who}</Text>
      <Text className="guide-label">要带什么</Text>
      <View className="guide-list">
        {item.materials.map((material) => (
          <Text key={material} className="guide-line guide-list__item">
            • {material}
          </Text>
        ))}
      </View>
      <Text className="guide-label">在哪里办</Text>
      <Text className="guide-line" data-testid={`guide-withdrawal-${item.kind}-where`}>
        {item.where}
      </Text>
      {item.howLong && (
        <>
          <Text className="guide-label">多久办好</Text>
          <Text className="guide-line" data-testid={`guide-withdrawal-${item.kind}-how-long`}>
            {item.howLong}
          </Text>
        </>
      )}
    </View>
  );
}

/** The member's own type first (opened from the advice with ?kind=), then the guide's order. */
function ordered(withdrawals: readonly WithdrawalGuide[], kind: string | undefined): WithdrawalGuide[] {
  const mine = withdrawals.filter((item) => item.kind === kind);
  return [...mine, ...withdrawals.filter((item) => item.kind !== kind)];
}

/** 服务指南 / 常见问题: what a member would otherwise phone or queue to ask (零咨询). */
export default function GuidePage() {
  const { params } = useRouter();
  const kind = params.kind;
  const [state, reload] = useLoader(() => request('serviceGuide'));
  return (
    <Screen className="guide">
      <View className="guide__intro">
        <Text className="text-title">服务指南</Text>
        <Text className="text-main guide__lead">办什么、带什么、去哪里，都写在这里。</Text>
      </View>
      {state.status === 'loading' && <StatusView kind="loading" text="正在打开服务指南…" />}
      {state.status === 'error' && <StatusView kind="error" error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <Hotline guide={state.data} />
          <Text className="guide-heading">提取公积金：要带什么，在哪里办</Text>
          {ordered(state.data.withdrawals, kind).map((item) => (
            <Withdrawal key={item.kind} item={item} mine={item.kind === kind} />
          ))}
          <Text className="guide-heading">服务网点</Text>
          {state.data.offices.map((office) => (
            <View key={office.name} className="card guide-office" data-testid="guide-office">
              <Text className="guide-type__name">{office.name}</Text>
              <Text className="guide-label">地址</Text>
              <Text className="guide-line">{office.address}</Text>
              <Text className="guide-label">开放时间</Text>
              <Text className="guide-line" data-testid="guide-office-hours">
                {office.hours}
              </Text>
              {office.transit && <Text className="guide-line guide-muted">{office.transit}</Text>}
            </View>
          ))}
          {state.data.faqs.length > 0 && (
            <>
              <Text className="guide-heading">常见问题</Text>
              <View className="card">
                {state.data.faqs.map((faq) => (
                  <View key={faq.q} className="guide-faq" data-testid="guide-faq">
                    <Text className="guide-faq__q">{faq.q}</Text>
                    <Text className="guide-line">{faq.a}</Text>
                  </View>
                ))}
              </View>
            </>
          )}
        </>
      )}
    </Screen>
  );
}
