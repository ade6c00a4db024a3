import { Text } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { pressable } from '../lib/pressable';

/** A tappable line of text ("退出", "工作人员入口"): announced as a link, as large a target as a button. */
export function TextLink({ className, testId, onClick, children }: PropsWithChildren<{ className?: string; testId?: string; onClick: () => void }>) {
  return (
    <Text className={`link ${className ?? ''}`} data-testid={testId} onClick={onClick} {...pressable(onClick, 'link')}>
      {children}
    </Text>
  );
}
