import { Text, View } from '@tarojs/components';
import { pressable } from '../lib/pressable';

interface Props {
  title: string;
  hint: string;
  on: boolean;
  testId: string;
  onToggle: () => void;
}

/** A large on/off row; one tap anywhere on it toggles. The word 开/关 repeats the state. */
export function Switch({ title, hint, on, testId, onToggle }: Props) {
  return (
    <View
      className={`elder-toggle ${on ? 'elder-toggle--on' : ''}`}
      {...pressable(onToggle, 'switch')}
      aria-checked={on ? 'true' : 'false'}
      aria-label={title}
      data-testid={testId}
      data-checked={on ? 'true' : 'false'}
      hoverClass="elder-toggle--pressed"
      onClick={onToggle}
    >
      <View className="elder-toggle__text">
        <Text className="elder-toggle__title">{title}</Text>
        <Text className="elder-toggle__hint">{hint}</Text>
      </View>
      <View className="elder-toggle__track">
        <View className="elder-toggle__knob" />
        <Text className="elder-toggle__state">{on ? '开' : '关'}</Text>
      </View>
    </View>
  );
}
