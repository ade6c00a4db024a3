/**
 * What must never appear whole in a log line: an ID number, a mobile phone number, a bank card
 * number, a session token. Used by the privacy test and, over every line the whole test run
 * wrote, by the global teardown.
 */
import { existsSync, readFileSync } from 'node:fs';

export const PII_PATTERNS = {
  'ID number': /(?<!\d)\d{17}[\dXx](?!\d)/,
  'phone number': /(?<!\d)1[3-9]\d{9}(?!\d)/,
  'bank card number': /(?<!\d)\d{15,19}(?!\d)/,
  'session token': /eyJ[\w-]+\.[\w-]+\.[\w-]+/,
} as const;

/**
 * Identifiers that may hold long digit runs by chance and are not personal data: request ids
 * (UUIDs) and rent application ids (R + account number + time and random in base32hex, or base32 before). They are set aside first.
 */
const NOT_PERSONAL = [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, /\bR\d{12}(?:[0-9A-V]{15}|[A-Z2-7]{8})\b/g];

export interface LogFinding {
  lineNo: number;
  rule: keyof typeof PII_PATTERNS;
  /** The line with the finding itself masked, so the report does not repeat it. */
  excerpt: string;
}

export function scanLogLines(lines: string[]): LogFinding[] {
  const findings: LogFinding[] = [];
  lines.forEach((raw, index) => {
    const line = NOT_PERSONAL.reduce((text, pattern) => text.replace(pattern, '<id>'), raw);
    for (const [rule, pattern] of Object.entries(PII_PATTERNS) as [keyof typeof PII_PATTERNS, RegExp][]) {
      if (pattern.test(line)) findings.push({ lineNo: index + 1, rule, excerpt: line.replace(new RegExp(pattern.source, 'g'), '[…]').slice(0, 300) });
    }
  });
  return findings;
}

export function readLogLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
}
