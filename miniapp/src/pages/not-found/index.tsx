import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { PAGES } from '../../lib/navigation';
import './index.scss';

/** Where an unknown address lands (app.tsx sends it here): say so, and lead home. */
export default function NotFoundPage() {
  return (
    <Screen className="not-found">
      <View className="card not-found__card" data-testid="not-found" role="alert">
        <Text className="text-title">页面不存在</Text>
        <Text className="text-main not-found__text">您打开的链接找不到对应的页面，可能已经失效或者输错了。查余额、开证明、办提取，请回到首页。</Text>
      </View>
      <ActionButton className="btn--primary btn--block" testId="not-found-home" onClick={() => void Taro.reLaunch({ url: PAGES.home })}>
        回到首页
      </ActionButton>
    </Screen>
  );
}
