import { Text } from '@tarojs/components';
import { formatCurrency, spokenYuan, type Fen } from '@hpf/shared';
import { spokenAmounts } from '../lib/format';

interface Props {
  fen: Fen;
  /** Show "+" on credits (ledger rows). */
  signed?: boolean;
  /** Read before the amount by screen readers, e.g. "账户余额". */
  label?: string;
  className?: string;
  testId?: string;
}

/** A money amount: formatted for the eye, spoken as an amount (not digits) for screen readers. */
export function Amount({ fen, signed = false, label, className, testId }: Props) {
  const text = signed && fen > 0 ? `+${formatCurrency(fen)}` : formatCurrency(fen);
  const spoken = `${label ?? ''}${signed && fen > 0 ? '收入' : ''}${fen < 0 ? '支出' : ''}${spokenYuan(Math.abs(fen))}`;
  return (
    <Text className={className} aria-label={spoken} data-testid={testId}>
      {text}
    </Text>
  );
}

/** Text made elsewhere (the server, a hint) with amounts in it: shown as it is, spoken in 元. */
export function TextWithAmounts({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  return (
    <Text className={className} aria-label={spokenAmounts(text)} data-testid={testId}>
      {text}
    </Text>
  );
}
