import { Button } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { pressable } from '../lib/pressable';

interface Props {
  className?: string;
  testId?: string;
  disabled?: boolean;
  onClick?: () => void;
}

/**
 * A Button that leaves `disabled` off entirely when enabled: Taro h5 writes `disabled="false"`
 * as an attribute, which the browser (and `[disabled]` styles) treat as disabled.
 */
export function ActionButton({ className, testId, disabled = false, onClick, children }: PropsWithChildren<Props>) {
  const state = disabled ? { disabled: true, 'aria-disabled': 'true' } : {};
  return (
    <Button
      className={`btn ${disabled ? 'btn--disabled' : ''} ${className ?? ''}`}
      data-testid={testId}
      onClick={disabled ? undefined : onClick}
      {...pressable(disabled ? undefined : onClick)}
      {...state}
    >
      {children}
    </Button>
  );
}
