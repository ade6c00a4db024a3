import { Text, View } from '@tarojs/components';
import type { FactChange } from '@hpf/shared';
import type { ReactNode } from 'react';
import { certificateTimes } from '../lib/certificate-facts';
import './certificate-truth.scss';

interface Dated {
  issuedAt: string;
  factsAsOf: string;
  expiresAt: string;
}

/**
 * 开具时间, 数据截至, 有效期至: when it was issued, how old its facts are, until when it counts.
 * `compact` is the line-per-time form under a QR code; otherwise labelled rows like the facts.
 */
export function CertificateTimes({ certificate, testId, compact = false }: { certificate: Dated; testId: string; compact?: boolean }) {
  const times = certificateTimes(certificate);
  if (compact) {
    return (
      <View className="cert-times cert-times--compact" data-testid={testId}>
        {times.map(({ key, label, text }) => (
          <Text key={key} className="cert-times__line" data-testid={`${testId}-${key}`}>
            {label}：{text}
          </Text>
        ))}
      </View>
    );
  }
  return (
    <View className="facts cert-times" data-testid={testId}>
      {times.map(({ key, label, text }) => (
        <View key={key} className="facts__row" data-testid={`${testId}-${key}`}>
          <Text className="facts__label">{label}</Text>
          <View className="facts__value">
            <Text>{text}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

/**
 * What changed since the certificate was issued, in the reader's words, with what to do about it.
 * The words and the border carry the meaning; the orange only repeats it.
 */
export function ChangesNotice({
  changes,
  advice,
  testId,
  children,
}: {
  changes: readonly FactChange[];
  advice: string;
  testId: string;
  children?: ReactNode;
}) {
  if (changes.length === 0) return null;
  return (
    <View className="changes" data-testid={testId}>
      {changes.map((change) => (
        <Text key={change.code} className="changes__what">
          {change.label}
        </Text>
      ))}
      <Text className="changes__advice">{advice}</Text>
      {children}
    </View>
  );
}
