import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from '../lib/elder-mode';
import { NavBar } from './NavBar';

/**
 * Page root: carries the elder-mode classes every page's styles key off, and in H5 the navigation
 * bar (the mini program keeps WeChat's own; the literal test lets webpack drop it from weapp).
 */
export function Screen({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { elder, extraLarge } = useElderMode();
  const classes = ['screen', elder ? 'elder' : 'standard', extraLarge ? 'elder-xl' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <View className={classes}>
      {process.env.TARO_ENV === 'h5' && <NavBar />}
      {children}
    </View>
  );
}
