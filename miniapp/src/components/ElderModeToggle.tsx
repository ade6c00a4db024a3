import { Text, View } from '@tarojs/components';
import { useElderMode } from '../lib/elder-mode';

/** A large on/off row; one tap anywhere on it toggles. */
export function ElderModeToggle({ testId }: { testId: string }) {
  const { elder, setElder } = useElderMode();
  return (
    <View
      className={`elder-toggle ${elder ? 'elder-toggle--on' : ''}`}
      role="switch"
      aria-checked={elder ? 'true' : 'false'}
      aria-label="长辈模式"
      data-testid={testId}
      data-checked={elder ? 'true' : 'false'}
      hoverClass="elder-toggle--pressed"
      onClick={() => setElder(!elder)}
    >
      <View className="elder-toggle__text">
        <Text className="elder-toggle__title">长辈模式</Text>
        <Text className="elder-toggle__hint">{elder ? '已开启：大字、大按钮' : '字太小？点这里换成大字、大按钮'}</Text>
      </View>
      <View className="elder-toggle__track">
        <View className="elder-toggle__knob" />
        <Text className="elder-toggle__state">{elder ? '开' : '关'}</Text>
      </View>
    </View>
  );
}
