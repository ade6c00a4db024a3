/**
 * A text field's name for screen readers. Taro's h5 build puts `aria-label` on its wrapper only,
 * so the real <input> inside gets it too, through `nativeProps`; WeChat reads the plain prop.
 */
export function fieldLabel(label: string) {
  return { 'aria-label': label, nativeProps: { 'aria-label': label } };
}
