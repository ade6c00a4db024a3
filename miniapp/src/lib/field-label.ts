/**
 * A text field's name for screen readers. Taro's h5 build puts `aria-label` on its wrapper only,
 * so the real <input> inside gets it too, through `nativeProps`; WeChat reads the plain prop.
 */
export function fieldLabel(label: string, invalid = false) {
  // a field marked wrong says so to screen readers as well as in red (aria-invalid)
  const state = invalid ? { 'aria-invalid': 'true' } : {};
  return { 'aria-label': label, ...state, nativeProps: { 'aria-label': label, ...state } };
}
