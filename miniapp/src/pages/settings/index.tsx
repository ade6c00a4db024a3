import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { ElderModeToggle } from '../../components/ElderModeToggle';
import { Screen } from '../../components/Screen';
import { PAGES } from '../../lib/navigation';
import { clearSession, loadSession } from '../../lib/session';
import { MoneySettings } from './money-settings';
import { ConsentSettings } from './consent-settings';
import './index.scss';

export default function SettingsPage() {
  const [session] = useState(() => loadSession());

  async function signOut() {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '退出后，下次查看需要重新登录。确定退出吗？',
      confirmText: '退出',
      cancelText: '不退出',
    });
    if (!confirm) return;
    clearSession();
    void Taro.reLaunch({ url: PAGES.login });
  }

  return (
    <Screen className="settings">
      <Text className="text-title settings__title">设置</Text>
      <Text className="settings__section">显示</Text>
      <ElderModeToggle testId="elder-mode-switch" />
      <Text className="text-small settings__explain">
        开启后，字更大、按钮更大，每行只放一件事。微信里设置了大字体时，会自动开启。
      </Text>

      <MoneySettings />

      <Text className="settings__section">账户</Text>
      <View className="card">
        <Text className="text-main" data-testid="signed-in-as">
          {!session ? '还没有登录' : session.accountName ? `当前登录：${session.accountName}` : session.bound ? '已登录' : '已登录微信，还没有实名绑定'}
        </Text>
      </View>
      {session ? (
        <ActionButton className="btn--block settings__sign-out" testId="sign-out" onClick={signOut}>
          退出登录
        </ActionButton>
      ) : (
        <ActionButton className="btn--primary btn--block settings__sign-out" testId="sign-in" onClick={() => void Taro.reLaunch({ url: PAGES.login })}>
          去登录
        </ActionButton>
      )}
      {session?.bound && (
        <>
          <Text className="settings__section">个人信息与授权</Text>
          <ConsentSettings />
        </>
      )}
      <Text className="settings__section">帮助</Text>
      <ActionButton className="btn--block settings__guide" testId="settings-guide" onClick={() => void Taro.navigateTo({ url: PAGES.guide })}>
        服务指南：电话、网点、办事带什么
      </ActionButton>
      <Text className="text-small settings__explain">数据来自公积金中心，仅供查询参考；办理业务以中心为准。</Text>
    </Screen>
  );
}
