import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { request } from '../api/client';
import { ActionButton } from '../components/ActionButton';
import { DEMO_MEMBERS, demoCode } from './members';

/**
 * Whether each member that demonstrates 实名绑定 is bound yet, as the server says (a sign-in
 * answers it; the session is not kept). Unknown while asking or when the API cannot be reached.
 */
function useBindingStates(): Record<string, boolean | undefined> {
  const [states, setStates] = useState<Record<string, boolean | undefined>>({});
  useEffect(() => {
    let live = true;
    for (const member of DEMO_MEMBERS.filter((m) => m.showsBinding)) {
      request('wechatLogin', { body: { code: demoCode(member.openid) } })
        .then((session) => live && setStates((known) => ({ ...known, [member.openid]: session.bound })))
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, []);
  return states;
}

/** Only compiled into demo builds (TARO_APP_DEMO=1); see pages/login. */
export function DemoPicker({ busy, onPick }: { busy: boolean; onPick: (code: string) => void }) {
  const bound = useBindingStates();
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
            <Text className="demo-picker__story" data-testid={`demo-story-${member.openid}`}>
              {member.story}
              {member.showsBinding && bound[member.openid] !== undefined ? (bound[member.openid] ? '（已绑定）' : '（未绑定）') : ''}
            </Text>
          </View>
        </ActionButton>
      ))}
    </View>
  );
}
