import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo } from 'react';
import { PAGES } from '../lib/navigation';
import { pressable } from '../lib/pressable';
import './nav-bar.scss';

interface Place {
  title: string;
  /** There is a page under this one to go back to (not so for a link opened from the camera). */
  canGoBack: boolean;
  isHome: boolean;
}

const APP_TITLE = '公积金服务';

/** Where this page is, read once when it opens: its own navigationBarTitleText and the page stack. */
function currentPlace(): Place {
  const page = Taro.getCurrentInstance().page as { config?: { navigationBarTitleText?: string }; route?: string; path?: string } | undefined;
  const path = (Taro.getCurrentInstance().router?.path ?? '').split('?')[0].replace(/^\/?/, '/');
  return {
    title: page?.config?.navigationBarTitleText || APP_TITLE,
    canGoBack: Taro.getCurrentPages().length > 1,
    isHome: path === PAGES.home,
  };
}

function NavControl({ testId, label, spoken, onPress }: { testId: string; label: string; spoken: string; onPress: () => void }) {
  return (
    <View className="nav-bar__control" data-testid={testId} aria-label={spoken} onClick={onPress} {...pressable(onPress, 'link')}>
      <Text aria-hidden="true">{label}</Text>
    </View>
  );
}

/**
 * The H5 build's navigation bar: WeChat draws its own (title, back, home) in the mini program,
 * Taro's H5 build draws none. Title from the page's config, 返回 when there is a page to return
 * to, 首页 everywhere but home — so a verify link opened from the camera still leads into the service.
 */
export function NavBar() {
  const place = useMemo(currentPlace, []);
  return (
    <View className="nav-bar" role="navigation" aria-label="页面导航" data-testid="nav-bar">
      <View className="nav-bar__side">
        {place.canGoBack && <NavControl testId="nav-back" label="‹ 返回" spoken="返回上一页" onPress={() => void Taro.navigateBack()} />}
      </View>
      <Text className="nav-bar__title" data-testid="nav-title">
        {place.title}
      </Text>
      <View className="nav-bar__side nav-bar__side--end">
        {!place.isHome && (
          <NavControl testId="nav-home" label="首页" spoken="回到公积金服务首页" onPress={() => void Taro.reLaunch({ url: PAGES.home })} />
        )}
      </View>
    </View>
  );
}
