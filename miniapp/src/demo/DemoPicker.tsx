import { Text, View } from '@tarojs/components';
import { ActionButton } from '../components/ActionButton';
import { DEMO_MEMBERS, demoCode } from './members';

/** Only compiled into demo builds (TARO_APP_DEMO=1); see pages/login. */
export function DemoPicker({ busy, onPick }: { busy: boolean; onPick: (code: string) => void }) {
  return (
    <View className="card demo-picker">
      <Text className="text-main demo-picker__title">演示账号</Text>
      <Text className="text-small demo-picker__hint">这是演示版：选一位职工，看看他的公积金账户。</Text>
      {DEMO_MEMBERS.map((member) => (
        <ActionButton
          key={member.openid}
          className="btn--block demo-picker__member"
          testId={`demo-member-${member.openid}`}
          disabled={busy}
          onClick={() => onPick(demoCode(member.openid))}
        >
          <View className="demo-picker__label">
            <Text className="demo-picker__name">{member.name}</Text>
            <Text className="demo-picker__story">{member.story}</Text>
          </View>
        </ActionButton>
      ))}
    </View>
  );
}
