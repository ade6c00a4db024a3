import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from '../lib/elder-mode';

/** Page root: carries the elder-mode classes every page's styles key off. */
export function Screen({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { elder, extraLarge } = useElderMode();
  const classes = ['screen', elder ? 'elder' : 'standard', extraLarge ? 'elder-xl' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return <View className={classes}>{children}</View>;
}
