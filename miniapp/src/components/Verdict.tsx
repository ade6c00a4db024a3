import { Text, View } from '@tarojs/components';
import type { VerifyResponse } from '@hpf/shared';
import { formatChinaTime, VERDICT_MARKS } from '../lib/certificate-facts';

/** h5: the result can take focus, so a keyboard can reach (and scroll) a page that has no button. */
const FOCUSABLE = { tabIndex: 0 };

/**
 * The result of a check: a symbol and the word in large type, then what it means. Colour repeats
 * the meaning for those who see it; it never carries it alone.
 */
export function Verdict({ answer }: { answer: VerifyResponse }) {
  return (
    <View
      className={`verdict verdict--${answer.result}`}
      data-testid="verify-verdict"
      data-result={answer.result}
      role="alert"
      {...FOCUSABLE}
      aria-label={`核验结果：${answer.resultLabel}。${answer.explanation}${answer.checkedBy ? `查验方：${answer.checkedBy}。` : ''}`}
    >
      <View className="verdict__head">
        <Text className="verdict__mark" aria-hidden="true">
          {VERDICT_MARKS[answer.result]}
        </Text>
        <Text className="verdict__label">{answer.resultLabel}</Text>
      </View>
      {answer.certificate && (
        <Text className="verdict__type">
          {answer.certificate.typeLabel}（用途：{answer.certificate.purposeLabel}）
        </Text>
      )}
      <Text className="verdict__explain">{answer.explanation}</Text>
      {answer.checkedBy && (
        <Text className="verdict__who" data-testid="verify-checked-by">
          查验方：{answer.checkedBy}
        </Text>
      )}
      <Text className="verdict__time">核验时间：{formatChinaTime(answer.checkedAt)}</Text>
    </View>
  );
}
