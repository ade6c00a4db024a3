import { Text, View } from '@tarojs/components';
import type { CertificateFacts } from '@hpf/shared';
import { factRows } from '../lib/certificate-facts';
import { Amount } from './Amount';

/** A certificate's facts, one labelled row each; money is spoken as an amount. */
export function FactList({ facts, testId }: { facts: CertificateFacts; testId?: string }) {
  return (
    <View className="facts" data-testid={testId}>
      {factRows(facts).map(({ key, label, value }) => (
        <View key={key} className="facts__row" data-testid={`fact-${key}`}>
          <Text className="facts__label">{label}</Text>
          <View className="facts__value">
            {'text' in value ? (
              <Text>{value.text}</Text>
            ) : (
              <Text>
                {value.before ?? ''}
                <Amount fen={value.fen} label={label} />
                {value.after ?? ''}
              </Text>
            )}
          </View>
        </View>
      ))}
    </View>
  );
}
