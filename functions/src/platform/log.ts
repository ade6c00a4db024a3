/**
 * Structured JSON logs, one object per line. Callers pass facts, never whole request bodies,
 * tokens or real-name data; `redact` masks anything that looks like one anyway.
 */
import { appendFileSync } from 'node:fs';

type Level = 'info' | 'warn' | 'error';

const ID_NUMBER = /\b(\d{4})\d{10}(\d{3}[\dXx])\b/g;
const PHONE = /\b(1[3-9]\d)\d{4}(\d{4})\b/g;
const CARD = /\b\d{12,15}(\d{4})\b/g;
const BEARER = /(Bearer\s+)[\w.-]+/gi;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;

export function redact(text: string): string {
  return text
    .replace(BEARER, '$1[redacted]')
    .replace(JWT, '[token]')
    .replace(ID_NUMBER, '$1**********$2')
    .replace(CARD, '****$1')
    .replace(PHONE, '$1****$2');
}

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const line = redact(JSON.stringify({ level, time: new Date().toISOString(), message, ...fields }));
  // The test run collects every line in one file, to keep its output readable and to scan it.
  const file = process.env.HPF_LOG_FILE;
  if (file) appendFileSync(file, `${line}\n`);
  else if (level === 'error') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}
