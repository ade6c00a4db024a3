/**
 * What a native button gives for free, for the elements Taro's h5 build renders (custom elements
 * with no role, outside the Tab order): a role screen readers announce, focus, Enter/Space to press.
 * WeChat's own components ignore these props.
 */
export function pressable(onPress: (() => void) | undefined, role: 'button' | 'link' | 'switch' | 'radio' | 'checkbox' = 'button') {
  return {
    role,
    tabIndex: 0,
    onKeyDown(event: { key?: string; preventDefault?: () => void }) {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault?.();
      onPress?.();
    },
  };
}
