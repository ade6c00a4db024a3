/**
 * One `Idempotency-Key` per form submission. A second tap, or a retry after a lost answer, sends
 * the same key with the same body, so the server answers with the first application instead of
 * making a second one. Editing the form, or starting a new one, gets a new key.
 */

/** 8-64 letters and digits, as the server asks; Math.random is all the weapp runtime offers. */
export function newIdempotencyKey(now: number = Date.now(), random: () => number = Math.random): string {
  let tail = '';
  while (tail.length < 16) tail += Math.floor(random() * 36).toString(36);
  return `${now.toString(36)}${tail}`;
}

export class SubmissionKey {
  private key: string | undefined;
  private fingerprint: string | undefined;

  constructor(private readonly generate: () => string = () => newIdempotencyKey()) {}

  /** The key for this body: the same one again while the body is unchanged. */
  keyFor(body: unknown): string {
    const fingerprint = JSON.stringify(body);
    if (this.key === undefined || fingerprint !== this.fingerprint) {
      this.key = this.generate();
      this.fingerprint = fingerprint;
    }
    return this.key;
  }

  /** After a success: the next form is a new submission. */
  reset(): void {
    this.key = undefined;
    this.fingerprint = undefined;
  }
}
