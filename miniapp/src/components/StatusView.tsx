import { Text, View } from '@tarojs/components';
import { errorMessage } from '../api/client';
import { ActionButton } from './ActionButton';

type Props =
  | { kind: 'loading'; text?: string }
  | { kind: 'empty'; text: string }
  | { kind: 'error'; error: unknown; onRetry: () => void };

/** The loading, empty and error states, alike on every page. */
export function StatusView(props: Props) {
  if (props.kind === 'error') {
    return (
      <View className="status status--error" data-testid="error-state" role="alert">
        <Text className="status__title">没有加载出来</Text>
        <Text className="status__text">{errorMessage(props.error)}</Text>
        <ActionButton className="btn--primary" testId="retry" onClick={props.onRetry}>
          重试
        </ActionButton>
      </View>
    );
  }
  if (props.kind === 'empty') {
    return (
      <View className="status" data-testid="empty-state">
        <Text className="status__text">{props.text}</Text>
      </View>
    );
  }
  return (
    <View className="status" data-testid="loading-state" aria-live="polite">
      <Text className="status__text">{props.text ?? '正在加载，请稍候…'}</Text>
    </View>
  );
}
