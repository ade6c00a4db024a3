import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PrivacyNotice } from '@hpf/shared';
import { PAGES } from '../lib/navigation';
import { pressable } from '../lib/pressable';
import { TextLink } from './TextLink';
import './consent-checks.scss';

export interface ConsentTicks {
  /** 我已阅读并同意隐私政策 */
  notice: boolean;
  /** 单独同意: the sensitive personal information, ticked on its own (个人信息保护法 §29) */
  sensitive: boolean;
}

function Check({ on, testId, onToggle, children }: { on: boolean; testId: string; onToggle: () => void; children: string }) {
  return (
    <View
      className={`consent-check ${on ? 'consent-check--on' : ''}`}
      {...pressable(onToggle, 'checkbox')}
      aria-checked={on ? 'true' : 'false'}
      data-testid={testId}
      onClick={onToggle}
    >
      <Text className="consent-check__box" aria-hidden="true">
        {on ? '✓' : ''}
      </Text>
      <Text className="consent-check__text">{children}</Text>
    </View>
  );
}

/**
 * Before binding: what the notice says in two lines, the sensitive items and why, the whole notice
 * one tap away, and two separate ticks — the notice, and the separate consent for the ID number
 * and the face. Neither is ticked for the member.
 */
export function ConsentChecks({ notice, ticks, onChange, error }: { notice: PrivacyNotice; ticks: ConsentTicks; onChange: (ticks: ConsentTicks) => void; error?: string }) {
  return (
    <View className="card consent" data-testid="consent">
      <Text className="consent__title">个人信息怎么用</Text>
      <Text className="text-main consent__summary">{notice.summary}</Text>
      <View className="consent__sensitive">
        {notice.sensitive.map(({ item, purpose }) => (
          <Text key={item} className="consent__item">
            <Text className="consent__item-name">{item}：</Text>
            {purpose}
          </Text>
        ))}
      </View>
      <TextLink className="consent__read" testId="consent-read" onClick={() => void Taro.navigateTo({ url: PAGES.privacy })}>
        阅读完整的《{notice.title}》
      </TextLink>
      <Check on={ticks.notice} testId="consent-notice" onToggle={() => onChange({ ...ticks, notice: !ticks.notice })}>
        {`我已阅读并同意《${notice.title}》`}
      </Check>
      <Check on={ticks.sensitive} testId="consent-sensitive" onToggle={() => onChange({ ...ticks, sensitive: !ticks.sensitive })}>
        {`我单独同意公积金中心处理我的${notice.sensitive.map(({ item }) => item).join('和')}，只用于上面写明的用途`}
      </Check>
      {error && (
        <View className="consent__error" role="alert" data-testid="consent-error">
          <Text>{error}</Text>
        </View>
      )}
    </View>
  );
}
