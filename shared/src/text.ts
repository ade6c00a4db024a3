/**
 * What typed free text may contain, as plain functions (no zod): the schemas use them, and so
 * may the mini program's own form checks without bundling zod.
 */

export const HIDDEN_CHARACTER_MESSAGE = '含有看不见的控制字符，请删除后重新填写';

/**
 * Characters that change what a reader sees without being seen: controls (Cc: NUL, line breaks,
 * tabs), format characters (Cf: zero-width spaces and joiners, the BOM, bidi overrides such as
 * U+202E that show "\u202e市州杭" as 杭州市), lone surrogates (Cs, broken UTF-16) and the line and
 * paragraph separators (Zl, Zp), which break a line as \n does. Private-use characters (Co) stay
 * allowed: some systems still write rare name characters (生僻字) there.
 */
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

export function hasHiddenCharacter(text: string): boolean {
  return HIDDEN_CHARACTER.test(text);
}

/** Length in characters (code points), as a person counts them: 𠀾 is one, not two UTF-16 units. */
export function textLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * 备案合同编号: letters, digits and "-", and the Chinese characters local registries put in front
 * (沪租2026-001). An explicit CJK range rather than \p{Script=Han}, which the mini program's
 * build would expand into a long list of ranges.
 */
export const REGISTERED_CONTRACT_NO = /^[\u3400-\u9fffA-Za-z0-9-]{4,40}$/;
