/**
 * Free text that a person types and that is certified or shown to someone else (names, addresses,
 * employers, staff's reasons): each check with its own Chinese message, since the HTTP edge shows
 * 格式不正确 for any message that is not Chinese.
 */
import * as z from 'zod/mini';
import { HIDDEN_CHARACTER_MESSAGE, hasHiddenCharacter, textLength } from '../text';

export interface PlainTextOptions {
  /** The field as the person knows it: 姓名, 房东姓名, 办理原因. */
  label: string;
  /** Characters (code points) at most. */
  max: number;
  /** Characters at least (after trimming), with the message for too short or missing. */
  min?: { length: number; message: string };
  /** Trims surrounding whitespace first (the default); off where the input was never trimmed. */
  trim?: boolean;
}

/** A string schema for typed free text; valid text comes out as before (trimmed unless told not to). */
export function plainText({ label, max, min, trim = true }: PlainTextOptions) {
  const missing = min?.message ?? `请填写${label}`;
  return z
    .string({ error: (issue) => (issue.input === undefined ? missing : `${label}应填写文字`) })
    .check(
      ...(trim ? [z.trim()] : []),
      z.refine<string>((text) => !hasHiddenCharacter(text), { error: HIDDEN_CHARACTER_MESSAGE, abort: true }),
      ...(min ? [z.refine<string>((text) => textLength(text) >= min.length, { error: min.message, abort: true })] : []),
      z.refine<string>((text) => textLength(text) <= max, { error: `${label}太长（最多 ${max} 个字）` }),
    );
}
