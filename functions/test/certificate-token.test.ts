/**
 * The e-certificate QR token (functions/src/certificates/token.ts): COSE_Sign1 + CWT + Ed25519 in
 * unpadded base32. Pure: no table, no handler.
 */
import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { base32nopad } from '@scure/base';
import { encode } from 'cborg';
import {
  buildVerifyUrl,
  DISPLAY_WINDOW_SECONDS,
  generateSigningKey,
  newCertificateId,
  publicJwk,
  signingKeyFromPem,
  signToken,
  tokenFromVerifyUrl,
  verifyKeyFromJwk,
  verifyKeyOf,
  verifyToken,
  type SigningKey,
  type TokenClaims,
  type VerifyKey,
} from '../src/certificates/token';

interface QrCode {
  version: number;
  segments: Array<{ mode: { id: string }; data: unknown }>;
}
// qrcode 1.5.3 (miniapp workspace, hoisted) ships no typings
const QRCode = require('qrcode') as { create(text: string, options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' }): QrCode };

/** RFC 8032 §7.1 TEST 1 secret key — a published test key, for the known-answer vector only. */
const TEST_VECTOR_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
-----END PRIVATE KEY-----
`;
const BASE = 'HTTPS://GJJ.EXAMPLE.GOV.CN/V/';
const SHOWN_AT = 1_767_225_600; // 2026-01-01T00:00:00Z
const VECTOR_CLAIMS = {
  certificateId: base32nopad.encode(Uint8Array.from(Buffer.from('0123456789abcdef0123', 'hex'))),
  type: 'DEPOSIT' as const,
  issuedAt: SHOWN_AT,
  notBefore: SHOWN_AT,
  expiresAt: SHOWN_AT + DISPLAY_WINDOW_SECONDS,
};
/** The token in docs/certificate-token.md; Ed25519 signatures are deterministic. */
const VECTOR_TOKEN =
  'QRD2EAJHARBKDMVALAVKMALDJBIEMBA2NFK3S6AFDJUVLOIAAYNGSVNZAADUUAJDIVTYTK6N54ASGOQAAEAAAACYIDBXIYTPHWVWCCBV6SYTZSPMVX23KHQ3QFSNYEAQDF2IURDWIN2LFEZYFY7OPLZESM5WUIO6M5J6YFYHKF3IJXNIQKPS6UIEAP2G6HYP';

function keySet(...keys: VerifyKey[]): (keyId: string) => VerifyKey | undefined {
  const byId = new Map(keys.map((k) => [k.keyId, k]));
  return (keyId) => byId.get(keyId);
}

function claimsAt(shownAt: number, type: TokenClaims['type'] = 'LOAN_USE'): Omit<TokenClaims, 'keyId'> {
  return {
    certificateId: newCertificateId(),
    type,
    issuedAt: shownAt,
    notBefore: shownAt,
    expiresAt: shownAt + DISPLAY_WINDOW_SECONDS,
  };
}

// --- a small hand CBOR writer, to build encodings the module itself would never produce -------

const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));
const b = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);

/** Head of major type `major` with argument n, in `width` bytes of argument (0 = in the first byte). */
function head(major: number, n: number, width?: 0 | 1 | 2 | 4 | 8): Uint8Array {
  const w = width ?? (n < 24 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x100000000 ? 4 : 8);
  if (w === 0) return b((major << 5) | n);
  const arg = Buffer.alloc(w);
  arg.writeUIntBE(n, w - Math.min(w, 6), Math.min(w, 6));
  return cat(b((major << 5) | { 1: 24, 2: 25, 4: 26, 8: 27 }[w]), arg);
}
const uint = (n: number, width?: 0 | 1 | 2 | 4 | 8) => head(0, n, width);
const nint = (v: number, width?: 0 | 1 | 2 | 4 | 8) => head(1, -1 - v, width);
const int = (v: number) => (v >= 0 ? uint(v) : nint(v));
const bstr = (bytes: Uint8Array) => cat(head(2, bytes.length), bytes);
const tstr = (s: string) => cat(head(3, Buffer.byteLength(s)), Uint8Array.from(Buffer.from(s)));
const map = (entries: Array<[Uint8Array, Uint8Array]>) => cat(head(5, entries.length), ...entries.flat());

const KID = Uint8Array.from(Buffer.from('a1b2', 'hex'));
const CTI = Uint8Array.from(Buffer.from('00112233445566778899', 'hex'));

function protectedOf(alg = -8, kid = KID): Uint8Array {
  return map([
    [uint(1), int(alg)],
    [uint(4), bstr(kid)],
  ]);
}

function claimEntries(overrides: Partial<Record<'iss' | 'exp' | 'nbf' | 'iat' | 'cti' | 'type', Uint8Array>> = {}) {
  return {
    iss: [uint(1), overrides.iss ?? tstr('HPF')] as [Uint8Array, Uint8Array],
    exp: [uint(4), overrides.exp ?? uint(SHOWN_AT + 120)] as [Uint8Array, Uint8Array],
    nbf: [uint(5), overrides.nbf ?? uint(SHOWN_AT)] as [Uint8Array, Uint8Array],
    iat: [uint(6), overrides.iat ?? uint(SHOWN_AT)] as [Uint8Array, Uint8Array],
    cti: [uint(7), overrides.cti ?? bstr(CTI)] as [Uint8Array, Uint8Array],
    type: [nint(-65537), overrides.type ?? uint(0)] as [Uint8Array, Uint8Array],
  };
}

function payloadOf(overrides: Parameters<typeof claimEntries>[0] = {}): Uint8Array {
  const c = claimEntries(overrides);
  return map([c.iss, c.exp, c.nbf, c.iat, c.cti, c.type]);
}

/** A COSE_Sign1 over hand-made bytes, properly signed by `key`. */
function handSigned(
  key: KeyObject,
  protectedBytes: Uint8Array,
  payloadBytes: Uint8Array,
  wrap: (p: Uint8Array, u: Uint8Array, pl: Uint8Array, sig: Uint8Array) => Uint8Array = (p, u, pl, sig) =>
    cat(b(0x84), bstr(p), u, bstr(pl), bstr(sig)),
): string {
  const toBeSigned = encode(['Signature1', protectedBytes, new Uint8Array(0), payloadBytes]);
  const sig = Uint8Array.from(sign(null, toBeSigned, key));
  return base32nopad.encode(wrap(protectedBytes, b(0xa0), payloadBytes, sig));
}

// -----------------------------------------------------------------------------------------------

describe('certificate token: sign and verify', () => {
  const key = generateSigningKey('a1b2');
  const keys = keySet(verifyKeyOf(key));

  it('round-trips the claims', () => {
    for (const type of ['DEPOSIT', 'LOAN_USE', 'PAYOFF'] as const) {
      const claims = claimsAt(SHOWN_AT, type);
      const token = signToken(claims, key);
      expect(token).toMatch(/^[A-Z2-7]+$/);
      expect(verifyToken(token, keys)).toEqual({ ok: true, claims: { ...claims, keyId: 'a1b2' } });
    }
  });

  it('matches the known-answer vector in docs/certificate-token.md (RFC 8032 test key)', () => {
    const vectorKey = signingKeyFromPem(TEST_VECTOR_PEM, 'a1b2');
    const token = signToken(VECTOR_CLAIMS, vectorKey);
    expect(token).toBe(VECTOR_TOKEN);
    expect(publicJwk(verifyKeyOf(vectorKey)).x).toBe('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo');
    expect(verifyToken(token, keySet(verifyKeyOf(vectorKey)))).toEqual({
      ok: true,
      claims: { ...VECTOR_CLAIMS, keyId: 'a1b2' },
    });
    // the hand writer above produces exactly what the module produces (cross-check of the layout)
    const bytes = base32nopad.decode(token);
    const payload = map(Object.values(claimEntries({ cti: bstr(base32nopad.decode(VECTOR_CLAIMS.certificateId)) })));
    expect(Buffer.from(bytes.subarray(0, 12 + payload.length)).toString('hex')).toBe(
      Buffer.from(cat(b(0x84), bstr(protectedOf()), b(0xa0), bstr(payload))).toString('hex'),
    );
  });

  it('refuses a token signed by another key with the same kid as "signature"', () => {
    const impostor = generateSigningKey('a1b2');
    expect(verifyToken(signToken(claimsAt(SHOWN_AT), impostor), keys)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses an unknown kid as "unknown-key", and a resolver that answers for another kid', () => {
    const other = generateSigningKey('c3d4');
    const token = signToken(claimsAt(SHOWN_AT), other);
    expect(verifyToken(token, keys)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(verifyToken(token, () => verifyKeyOf(key))).toEqual({ ok: false, reason: 'unknown-key' });
    expect(
      verifyToken(token, () => {
        throw new Error('key store down');
      }),
    ).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('key rotation: old tokens verify while the old public key is published, fail once it is removed', () => {
    const oldKey = generateSigningKey('0001');
    const newKey = generateSigningKey('0002');
    const oldToken = signToken(claimsAt(SHOWN_AT), oldKey);
    const newToken = signToken(claimsAt(SHOWN_AT + 60), newKey);

    const during = keySet(verifyKeyOf(oldKey), verifyKeyOf(newKey));
    expect(verifyToken(oldToken, during).ok).toBe(true);
    expect(verifyToken(newToken, during).ok).toBe(true);

    // retired but still published: it signed nothing after its notAfter
    const retired = keySet(verifyKeyOf(oldKey, SHOWN_AT + 30), verifyKeyOf(newKey));
    expect(verifyToken(oldToken, retired).ok).toBe(true);
    expect(verifyToken(signToken(claimsAt(SHOWN_AT + 31), oldKey), retired)).toEqual({ ok: false, reason: 'unknown-key' });

    const after = keySet(verifyKeyOf(newKey));
    expect(verifyToken(oldToken, after)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(verifyToken(newToken, after).ok).toBe(true);
  });

  it('does not judge time: an expired window still verifies, the caller compares', () => {
    const claims = claimsAt(1_000);
    const result = verifyToken(signToken(claims, key), keys);
    expect(result).toEqual({ ok: true, claims: { ...claims, keyId: 'a1b2' } });
  });

  it('refuses bad input to signToken', () => {
    expect(() => signToken({ ...claimsAt(SHOWN_AT), certificateId: 'abc' }, key)).toThrow(/certificateId/);
    expect(() => signToken({ ...claimsAt(SHOWN_AT), certificateId: 'AAAAAAAAAAAAAA' }, key)).toThrow(/certificateId/);
    expect(() => signToken({ ...claimsAt(SHOWN_AT), issuedAt: 1.5 }, key)).toThrow(/whole seconds/);
    expect(() => signToken({ ...claimsAt(SHOWN_AT), expiresAt: SHOWN_AT }, key)).toThrow(/after/);
    expect(() => signToken({ ...claimsAt(SHOWN_AT), type: 'OTHER' as never }, key)).toThrow(/type/);
    expect(() => signToken(claimsAt(SHOWN_AT), { ...key, keyId: 'A1B2' })).toThrow(/keyId/);
  });
});

describe('certificate token: only the canonical encoding of a genuine token is accepted', () => {
  const key = generateSigningKey('a1b2');
  const keys = keySet(verifyKeyOf(key));
  const token = signToken(claimsAt(SHOWN_AT), key);
  const bytes = base32nopad.decode(token);
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

  it('refuses every single-byte change', () => {
    let tried = 0;
    for (let i = 0; i < bytes.length; i++) {
      const original = bytes[i];
      const values = new Set([(original + 1) & 0xff, original ^ 0x80, 0x00, 0xff, original ^ 0x01]);
      values.delete(original);
      for (const v of values) {
        const changed = Uint8Array.from(bytes);
        changed[i] = v;
        const result = verifyToken(base32nopad.encode(changed), keys);
        if (result.ok) throw new Error(`byte ${i} 0x${original.toString(16)} → 0x${v.toString(16)} was accepted`);
        tried++;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(bytes.length * 3);
  });

  it('refuses every single-character change of the base32 text', () => {
    for (let i = 0; i < token.length; i++) {
      for (const c of ALPHABET) {
        if (c === token[i]) continue;
        const changed = token.slice(0, i) + c + token.slice(i + 1);
        if (verifyToken(changed, keys).ok) throw new Error(`character ${i} ${token[i]} → ${c} was accepted`);
      }
    }
  });

  it('refuses truncated and extended tokens', () => {
    for (let n = 0; n < bytes.length; n++) {
      expect(verifyToken(base32nopad.encode(bytes.subarray(0, n)), keys).ok).toBe(false);
    }
    for (let n = 1; n < token.length; n++) expect(verifyToken(token.slice(0, n), keys).ok).toBe(false);
    for (const extra of [b(0x00), b(0xa0), b(0x00, 0x00), b(0xf6)]) {
      expect(verifyToken(base32nopad.encode(cat(bytes, extra)), keys)).toEqual({ ok: false, reason: 'format' });
    }
    expect(verifyToken(token + 'A', keys)).toEqual({ ok: false, reason: 'format' });
    expect(verifyToken(token + 'AA', keys)).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses lower case, padding, white space and non-canonical trailing bits', () => {
    expect(verifyToken(token.toLowerCase(), keys)).toEqual({ ok: false, reason: 'format' });
    expect(verifyToken(token.slice(0, -1) + token.slice(-1).toLowerCase(), keys)).toEqual({ ok: false, reason: 'format' });
    const padded = token + '='.repeat((8 - (token.length % 8)) % 8 || 8);
    expect(verifyToken(padded, keys)).toEqual({ ok: false, reason: 'format' });
    expect(verifyToken(token + '=', keys)).toEqual({ ok: false, reason: 'format' });
    expect(verifyToken(` ${token}`, keys)).toEqual({ ok: false, reason: 'format' });
    expect(verifyToken(`${token}\n`, keys)).toEqual({ ok: false, reason: 'format' });
    // 120 bytes = 192 characters exactly, so use a token whose length leaves trailing bits
    const odd = base32nopad.encode(cat(bytes, b(0)));
    const last = ALPHABET.indexOf(odd[odd.length - 1]);
    const dirty = odd.slice(0, -1) + ALPHABET[last | 1];
    expect(dirty).not.toBe(odd);
    expect(verifyToken(dirty, keys)).toEqual({ ok: false, reason: 'format' });
    expect(verifyToken('', keys)).toEqual({ ok: false, reason: 'format' });
    expect(verifyToken('A'.repeat(10_000), keys)).toEqual({ ok: false, reason: 'format' });
    expect(verifyToken(undefined as unknown as string, keys)).toEqual({ ok: false, reason: 'format' });
  });

  it('accepts the hand-built canonical form (control for the cases below)', () => {
    const t = handSigned(key.privateKey, protectedOf(), payloadOf());
    expect(verifyToken(t, keys)).toMatchObject({ ok: true, claims: { type: 'DEPOSIT', keyId: 'a1b2', expiresAt: SHOWN_AT + 120 } });
  });

  it('refuses non-minimal integers and lengths even when properly signed', () => {
    const cases: Array<[string, string]> = [
      ['exp in 8 bytes', handSigned(key.privateKey, protectedOf(), payloadOf({ exp: uint(SHOWN_AT + 120, 8) }))],
      ['type in 1 extra byte', handSigned(key.privateKey, protectedOf(), payloadOf({ type: uint(0, 1) }))],
      ['iss length in 1 extra byte', handSigned(key.privateKey, protectedOf(), payloadOf({ iss: cat(b(0x78, 3), Uint8Array.from(Buffer.from('HPF'))) }))],
      ['alg -8 in 1 extra byte', handSigned(key.privateKey, map([[uint(1), nint(-8, 1)], [uint(4), bstr(KID)]]), payloadOf())],
      ['claim key 1 in 2 bytes', handSigned(key.privateKey, protectedOf(), map([[uint(1, 1), tstr('HPF')], ...Object.values(claimEntries()).slice(1)]))],
      ['outer array length non-minimal', handSigned(key.privateKey, protectedOf(), payloadOf(), (p, u, pl, s) => cat(b(0x98, 4), bstr(p), u, bstr(pl), bstr(s)))],
      ['signature length in 2 bytes', handSigned(key.privateKey, protectedOf(), payloadOf(), (p, u, pl, s) => cat(b(0x84), bstr(p), u, bstr(pl), b(0x59, 0, 64), s))],
    ];
    for (const [name, t] of cases) {
      const r = verifyToken(t, keys);
      expect({ name, ok: r.ok }).toEqual({ name, ok: false });
      expect(['format', 'non-canonical']).toContain((r as { reason: string }).reason);
    }
  });

  it('refuses other non-canonical but well-formed encodings as "non-canonical", even when properly signed', () => {
    const c = claimEntries();
    const cases: Array<[string, string]> = [
      ['claims out of order', handSigned(key.privateKey, protectedOf(), map([c.exp, c.iss, c.nbf, c.iat, c.cti, c.type]))],
      ['private claim first', handSigned(key.privateKey, protectedOf(), map([c.type, c.iss, c.exp, c.nbf, c.iat, c.cti]))],
      ['header out of order', handSigned(key.privateKey, map([[uint(4), bstr(KID)], [uint(1), nint(-8)]]), payloadOf())],
      // an integer-valued float decodes to the same number but is not the canonical encoding
      ['exp as float64', handSigned(key.privateKey, protectedOf(), payloadOf({ exp: (() => { const f = Buffer.alloc(9); f[0] = 0xfb; f.writeDoubleBE(SHOWN_AT + 120, 1); return Uint8Array.from(f); })() }))],
      ['type as float16 0.0', handSigned(key.privateKey, protectedOf(), payloadOf({ type: b(0xf9, 0x00, 0x00) }))],
    ];
    for (const [name, t] of cases) {
      expect({ name, result: verifyToken(t, keys) }).toEqual({ name, result: { ok: false, reason: 'non-canonical' } });
    }
  });

  it('refuses other structures as "format", even when properly signed', () => {
    const c = claimEntries();
    const sig1 = (p: Uint8Array, pl: Uint8Array) => handSigned(key.privateKey, p, pl);
    const cases: Array<[string, string]> = [
      ['tag 18 on the outer array', handSigned(key.privateKey, protectedOf(), payloadOf(), (p, u, pl, s) => cat(b(0xd2, 0x84), bstr(p), u, bstr(pl), bstr(s)))],
      ['tag 61 (CWT) + tag 18', handSigned(key.privateKey, protectedOf(), payloadOf(), (p, u, pl, s) => cat(b(0xd8, 61, 0xd2, 0x84), bstr(p), u, bstr(pl), bstr(s)))],
      ['indefinite-length outer array', handSigned(key.privateKey, protectedOf(), payloadOf(), (p, u, pl, s) => cat(b(0x9f), bstr(p), u, bstr(pl), bstr(s), b(0xff)))],
      ['indefinite-length payload bstr', handSigned(key.privateKey, protectedOf(), payloadOf(), (p, u, pl, s) => cat(b(0x84), bstr(p), u, b(0x5f), bstr(pl), b(0xff), bstr(s)))],
      ['kid in the unprotected header', handSigned(key.privateKey, protectedOf(), payloadOf(), (p, _u, pl, s) => cat(b(0x84), bstr(p), map([[uint(4), bstr(KID)]]), bstr(pl), bstr(s)))],
      ['five elements', handSigned(key.privateKey, protectedOf(), payloadOf(), (p, u, pl, s) => cat(b(0x85), bstr(p), u, bstr(pl), bstr(s), b(0xf6)))],
      ['alg -7 (ES256)', sig1(protectedOf(-7), payloadOf())],
      ['alg 1 (A128GCM)', sig1(protectedOf(1), payloadOf())],
      ['alg missing', sig1(map([[uint(4), bstr(KID)]]), payloadOf())],
      ['extra header', sig1(map([[uint(1), nint(-8)], [uint(3), uint(61)], [uint(4), bstr(KID)]]), payloadOf())],
      ['duplicate header key', sig1(map([[uint(1), nint(-8)], [uint(1), nint(-8)], [uint(4), bstr(KID)]]), payloadOf())],
      ['duplicate claim', sig1(protectedOf(), map([c.iss, c.exp, c.exp, c.iat, c.cti, c.type]))],
      ['missing nbf', sig1(protectedOf(), map([c.iss, c.exp, c.iat, c.cti, c.type]))],
      ['extra claim', sig1(protectedOf(), map([c.iss, c.exp, c.nbf, c.iat, c.cti, c.type, [nint(-65538), uint(1)]]))],
      ['other issuer', sig1(protectedOf(), payloadOf({ iss: tstr('XYZ') }))],
      ['exp before nbf', sig1(protectedOf(), payloadOf({ exp: uint(SHOWN_AT - 1) }))],
      ['negative exp', sig1(protectedOf(), payloadOf({ exp: nint(-5) }))],
      ['unknown type 3', sig1(protectedOf(), payloadOf({ type: uint(3) }))],
      ['type as text', sig1(protectedOf(), payloadOf({ type: tstr('DEPOSIT') }))],
      ['type undefined', sig1(protectedOf(), payloadOf({ type: b(0xf7) }))],
      ['type 0.5', sig1(protectedOf(), payloadOf({ type: b(0xf9, 0x38, 0x00) }))],
      ['type NaN', sig1(protectedOf(), payloadOf({ type: b(0xf9, 0x7e, 0x00) }))],
      ['cti too short', sig1(protectedOf(), payloadOf({ cti: bstr(CTI.subarray(0, 9)) }))],
      ['cti as text', sig1(protectedOf(), payloadOf({ cti: tstr('0011223344556677') }))],
      ['time as bignum tag', sig1(protectedOf(), payloadOf({ iat: cat(b(0xc2), bstr(b(0x69, 0x55, 0xb9, 0x00))) }))],
      ['empty kid', sig1(protectedOf(-8, new Uint8Array(0)), payloadOf())],
      ['payload not a map', sig1(protectedOf(), cat(b(0x82), c.iss[0], c.iss[1]))],
      ['payload trailing byte', sig1(protectedOf(), cat(payloadOf(), b(0x00)))],
    ];
    for (const [name, t] of cases) {
      expect({ name, result: verifyToken(t, keys) }).toEqual({ name, result: { ok: false, reason: 'format' } });
    }
  });

  it('refuses a signature of the wrong length and a detached (nil) payload', () => {
    const short = base32nopad.encode(cat(bytes.subarray(0, bytes.length - 66), bstr(bytes.subarray(bytes.length - 64, bytes.length - 1))));
    expect(verifyToken(short, keys)).toEqual({ ok: false, reason: 'format' });
    const detached = handSigned(key.privateKey, protectedOf(), payloadOf(), (p, u, _pl, s) => cat(b(0x84), bstr(p), u, b(0xf6), bstr(s)));
    expect(verifyToken(detached, keys)).toEqual({ ok: false, reason: 'format' });
  });

  it('never throws on junk', () => {
    for (let i = 0; i < 300; i++) {
      const junk = new Uint8Array(1 + (i % 140)).map((_, j) => (i * 131 + j * 197 + ((i * j) % 7)) & 0xff);
      expect(() => verifyToken(base32nopad.encode(junk), keys)).not.toThrow();
      expect(() => verifyToken(base32nopad.encode(cat(bytes.subarray(0, i % bytes.length), junk)), keys)).not.toThrow();
    }
  });
});

describe('certificate token: verify URL and QR code', () => {
  const key = generateSigningKey();

  it('fits a version ≤ 8 QR code at level M in alphanumeric mode', () => {
    // the largest times this format will see for decades (until 2106 the times take 4 bytes)
    const token = signToken(claimsAt(4_000_000_000 - 120), key);
    const url = buildVerifyUrl(BASE, token);
    expect(token).toHaveLength(192);
    expect(url).toHaveLength(221);
    const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
    expect(qr.version).toBeLessThanOrEqual(8);
    expect(qr.segments.map((s) => s.mode.id)).toEqual(['Alphanumeric']);
  });

  it('builds the upper-case URL and reads it back from a scan or a paste', () => {
    const token = signToken(claimsAt(SHOWN_AT), key);
    const url = buildVerifyUrl('https://gjj.example.gov.cn/v/', token);
    expect(url).toBe(BASE + token);
    expect(url).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    expect(tokenFromVerifyUrl(url)).toBe(token);
    expect(tokenFromVerifyUrl(`https://gjj.example.gov.cn/V/${token}`)).toBe(token);
    expect(tokenFromVerifyUrl(`https://GJJ.Example.gov.cn/v/${token}\r\n`)).toBe(token);
    expect(tokenFromVerifyUrl(`  ${token}\n`)).toBe(token);
    expect(tokenFromVerifyUrl('')).toBeUndefined();
    expect(tokenFromVerifyUrl('https://gjj.example.gov.cn/')).toBeUndefined();
    expect(tokenFromVerifyUrl(`https://gjj.example.gov.cn/X/${token}`)).toBeUndefined();
    expect(tokenFromVerifyUrl(`ftp://gjj.example.gov.cn/V/${token}`)).toBeUndefined();
    expect(tokenFromVerifyUrl('not a token')).toBeUndefined();
    // a scanner that lower-cases the link: folded back to the one canonical token, which verifies;
    // verifyToken itself still takes only the canonical text
    const pastedLower = tokenFromVerifyUrl(url.toLowerCase());
    expect(pastedLower).toBe(token);
    expect(verifyToken(pastedLower!, keySet(verifyKeyOf(key)))).toMatchObject({ ok: true });
    expect(tokenFromVerifyUrl(token.toLowerCase())).toBe(token);
    expect(verifyToken(token.toLowerCase(), keySet(verifyKeyOf(key)))).toEqual({ ok: false, reason: 'format' });
    expect(() => buildVerifyUrl('https://gjj.example.gov.cn/v', token)).toThrow();
    expect(() => buildVerifyUrl('https://gjj.example.gov.cn/v?x=', token)).toThrow();
    expect(() => buildVerifyUrl(BASE, token.toLowerCase())).toThrow();
  });
});

describe('certificate token: keys', () => {
  it('exports a JWK that node:crypto imports back, and verifiers can load', () => {
    const key = generateSigningKey();
    expect(key.keyId).toMatch(/^[0-9a-f]{4}$/);
    const jwk = publicJwk(verifyKeyOf(key));
    expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: key.keyId, alg: 'EdDSA', use: 'sig' });
    const imported = createPublicKey({ key: jwk, format: 'jwk' });
    expect(imported.equals(createPublicKey(key.privateKey))).toBe(true);

    const token = signToken(claimsAt(SHOWN_AT), key);
    const published = JSON.parse(JSON.stringify({ keys: [jwk] })) as { keys: typeof jwk[] };
    const offline = keySet(...published.keys.map(verifyKeyFromJwk));
    expect(verifyToken(token, offline).ok).toBe(true);
  });

  it('loads a PKCS#8 PEM and refuses other keys', () => {
    const pemKey = signingKeyFromPem(TEST_VECTOR_PEM, '0001');
    expect(pemKey.privateKey.asymmetricKeyType).toBe('ed25519');
    const ed = generateSigningKey().privateKey; // its public half as SPKI PEM: not a PKCS#8 private key
    expect(() => signingKeyFromPem(createPublicKey(ed).export({ format: 'pem', type: 'spki' }).toString(), '0001')).toThrow();
    expect(() => signingKeyFromPem(TEST_VECTOR_PEM, 'not-hex')).toThrow(/keyId/);
    const { privateKey: p256 } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signingKeyFromPem(p256.export({ format: 'pem', type: 'pkcs8' }).toString(), '0001')).toThrow(/Ed25519/);
    expect(() => signToken(claimsAt(SHOWN_AT), { keyId: '0001', privateKey: p256 } as SigningKey)).toThrow(/Ed25519/);
  });
});
