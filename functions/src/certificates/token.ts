/**
 * E-certificate (电子证明) QR token: a COSE_Sign1 (RFC 9052) over CWT claims (RFC 8392), signed with
 * Ed25519 (COSE alg EdDSA, -8), sent as unpadded upper-case base32 (RFC 4648 §6) so that the verify
 * URL stays in QR alphanumeric mode. Format, sizes and rules: docs/certificate-token.md.
 *
 * Pure apart from node:crypto. Only the one canonical encoding of a token is accepted: after a strict
 * decode the token is rebuilt from the decoded values and must match the received bytes exactly
 * (and the base32 text must match the re-encoded text).
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { base32nopad } from '@scure/base';
import { decode, encode, type CborgToken, type DecodeOptions, type EncodeOptions } from 'cborg';

// ---------------------------------------------------------------------------------------------
// Public types

export type CertificateType = 'DEPOSIT' | 'LOAN_USE' | 'PAYOFF';

export interface TokenClaims {
  /** The cti bytes as unpadded upper-case base32 (10 bytes → 16 characters). */
  certificateId: string;
  type: CertificateType;
  /** The COSE kid as lower-case hex (2 bytes → 4 characters). */
  keyId: string;
  /** CWT iat, NumericDate (whole seconds since the epoch): when this token was signed. */
  issuedAt: number;
  /** CWT nbf: the "shown at" time of the code on the phone. */
  notBefore: number;
  /** CWT exp: end of the display window (shownAt + 120 s). */
  expiresAt: number;
}

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

export interface VerifyKey {
  keyId: string;
  publicKey: KeyObject;
  /**
   * Retired keys: the last second (NumericDate) at which this key signed. A token whose iat is later
   * is refused as 'unknown-key'.
   */
  notAfter?: number;
}

export type VerifyResult =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'format' | 'unknown-key' | 'signature' | 'non-canonical' };

/** A type alias (not an interface) so that it is assignable to node's JsonWebKey. */
export type PublicJwk = {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
};

// ---------------------------------------------------------------------------------------------
// Constants of the format

/** COSE header labels (RFC 9052 §3.1) and algorithm (RFC 9053 §2.2). */
const HEADER_ALG = 1;
const HEADER_KID = 4;
const ALG_EDDSA = -8;

/** CWT claim keys (RFC 8392 §4) and the private-use claim (< -65536, RFC 8392 §9.1). */
const CLAIM_ISS = 1;
const CLAIM_EXP = 4;
const CLAIM_NBF = 5;
const CLAIM_IAT = 6;
const CLAIM_CTI = 7;
const CLAIM_CERT_TYPE = -65537;

export const TOKEN_ISSUER = 'HPF';
/** The accepted display window of one code: shownAt .. shownAt + 120 s. */
export const DISPLAY_WINDOW_SECONDS = 120;
/** How often the phone fetches a fresh code. */
export const REFRESH_SECONDS = 60;
/** Length of a certificate id (cti) made by newCertificateId(); verify accepts 10..16. */
export const CERTIFICATE_ID_BYTES = 10;
/** Length of a kid made by generateSigningKey(); keys given by id may use 1..8 bytes. */
export const KEY_ID_BYTES = 2;

const CTI_MIN = 10;
const CTI_MAX = 16;
const KID_MIN = 1;
const KID_MAX = 8;
const ED25519_SIGNATURE_BYTES = 64;
/** Far above any real token (~192 characters); stops work on junk before decoding. */
const MAX_TOKEN_CHARS = 512;

const TYPE_CODES: Record<CertificateType, number> = { DEPOSIT: 0, LOAN_USE: 1, PAYOFF: 2 };
const TYPES_BY_CODE: readonly CertificateType[] = ['DEPOSIT', 'LOAN_USE', 'PAYOFF'];

const SIG_CONTEXT = 'Signature1';
const EMPTY = new Uint8Array(0);

/** The characters of QR alphanumeric mode (ISO/IEC 18004 §7.4.4). */
const QR_ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;
const BASE32_TEXT = /^[A-Z2-7]+$/;

// ---------------------------------------------------------------------------------------------
// Canonical CBOR (RFC 8949 §4.2.1 core deterministic encoding)

/**
 * Map keys sorted by the bytewise lexicographic order of their deterministic encodings
 * (RFC 8949 §4.2.1; cborg's default sorter follows the older RFC 7049 length-first order). Every key
 * in this format is an integer. For integers that order is: major type (0 unsigned before 1
 * negative), then the argument n (v for unsigned, -1 - v for negative), because the shortest-form
 * head grows with n.
 */
const bytewiseKeySorter: NonNullable<EncodeOptions['mapSorter']> = (e1, e2) => {
  const k1 = Array.isArray(e1[0]) ? e1[0][0] : e1[0];
  const k2 = Array.isArray(e2[0]) ? e2[0][0] : e2[0];
  const a = intKeyOrder(k1);
  const b = intKeyOrder(k2);
  return a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
};

function intKeyOrder(t: CborgToken): [major: number, argument: bigint] {
  const v = t.value;
  if (typeof v !== 'number' && typeof v !== 'bigint') throw new Error('only integer map keys are used in this format');
  if (t.type.major === 0) return [0, BigInt(v)];
  if (t.type.major === 1) return [1, -1n - BigInt(v)];
  throw new Error('only integer map keys are used in this format');
}

const CANONICAL: EncodeOptions = { mapSorter: bytewiseKeySorter };

const STRICT_DECODE: DecodeOptions = {
  strict: true, // minimal integer and length encodings
  allowIndefinite: false,
  allowUndefined: false,
  coerceUndefinedToNull: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false, // integers outside the safe range are refused
  rejectDuplicateMapKeys: true,
  useMaps: true, // integer keys stay integers
  tags: [], // no tag is known: a tag (e.g. 18) is refused
};

function canonical(value: unknown): Uint8Array {
  return encode(value, CANONICAL);
}

/** Strict decode; cborg also refuses trailing bytes. Throws on any problem. */
function strictDecode(bytes: Uint8Array): unknown {
  return decode(bytes, STRICT_DECODE);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}

// ---------------------------------------------------------------------------------------------
// Building the structures (used by both sign and verify, so there is one encoder)

function protectedHeader(kid: Uint8Array): Uint8Array {
  return canonical(
    new Map<number, unknown>([
      [HEADER_ALG, ALG_EDDSA],
      [HEADER_KID, kid],
    ]),
  );
}

interface RawClaims {
  cti: Uint8Array;
  typeCode: number;
  iat: number;
  nbf: number;
  exp: number;
}

function payload(c: RawClaims): Uint8Array {
  return canonical(
    new Map<number, unknown>([
      [CLAIM_ISS, TOKEN_ISSUER],
      [CLAIM_EXP, c.exp],
      [CLAIM_NBF, c.nbf],
      [CLAIM_IAT, c.iat],
      [CLAIM_CTI, c.cti],
      [CLAIM_CERT_TYPE, c.typeCode],
    ]),
  );
}

/** Sig_structure (RFC 9052 §4.4) with empty external_aad. */
function sigStructure(protectedBytes: Uint8Array, payloadBytes: Uint8Array): Uint8Array {
  return canonical([SIG_CONTEXT, protectedBytes, EMPTY, payloadBytes]);
}

/** COSE_Sign1 without tag 18 (the tag would cost one byte and is implied by the context). */
function coseSign1(protectedBytes: Uint8Array, payloadBytes: Uint8Array, signature: Uint8Array): Uint8Array {
  return canonical([protectedBytes, new Map(), payloadBytes, signature]);
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/** A fresh certificate id: 10 random bytes as 16 base32 characters. */
export function newCertificateId(): string {
  return base32nopad.encode(randomBytes(CERTIFICATE_ID_BYTES));
}

function certificateIdBytes(id: string): Uint8Array {
  const bytes = decodeBase32Strict(id);
  if (!bytes || bytes.length < CTI_MIN || bytes.length > CTI_MAX) {
    throw new Error(`certificateId must be ${CTI_MIN}-${CTI_MAX} bytes as canonical unpadded upper-case base32`);
  }
  return bytes;
}

function keyIdBytes(keyId: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})+$/.test(keyId) || keyId.length / 2 < KID_MIN || keyId.length / 2 > KID_MAX) {
    throw new Error(`keyId must be ${KID_MIN}-${KID_MAX} bytes as lower-case hex`);
  }
  return Uint8Array.from(Buffer.from(keyId, 'hex'));
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Unpadded upper-case base32 whose re-encoding is the same text; undefined otherwise. */
function decodeBase32Strict(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || !BASE32_TEXT.test(text)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = base32nopad.decode(text);
  } catch {
    return undefined;
  }
  // refuses non-zero trailing bits and impossible lengths (1, 3, 6 characters mod 8)
  return base32nopad.encode(bytes) === text ? bytes : undefined;
}

function isNumericDate(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

// ---------------------------------------------------------------------------------------------
// Sign

export function signToken(claims: Omit<TokenClaims, 'keyId'>, key: SigningKey): string {
  const { issuedAt, notBefore, expiresAt } = claims;
  if (!isNumericDate(issuedAt) || !isNumericDate(notBefore) || !isNumericDate(expiresAt)) {
    throw new Error('issuedAt, notBefore and expiresAt must be whole seconds since the epoch');
  }
  if (!(expiresAt > notBefore)) throw new Error('expiresAt must be after notBefore');
  const typeCode = TYPE_CODES[claims.type];
  if (typeCode === undefined || !Object.hasOwn(TYPE_CODES, claims.type)) {
    throw new Error(`unknown certificate type ${String(claims.type)}`);
  }
  if (key.privateKey.type !== 'private' || key.privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('the signing key must be an Ed25519 private key');
  }
  const protectedBytes = protectedHeader(keyIdBytes(key.keyId));
  const payloadBytes = payload({
    cti: certificateIdBytes(claims.certificateId),
    typeCode,
    iat: issuedAt,
    nbf: notBefore,
    exp: expiresAt,
  });
  const signature = sign(null, sigStructure(protectedBytes, payloadBytes), key.privateKey);
  return base32nopad.encode(coseSign1(protectedBytes, payloadBytes, signature));
}

// ---------------------------------------------------------------------------------------------
// Verify

class FormatError extends Error {}

function fail(): never {
  throw new FormatError();
}

function asBytes(v: unknown): Uint8Array {
  return v instanceof Uint8Array ? v : fail();
}

function asMap(v: unknown, keys: readonly number[]): Map<unknown, unknown> {
  if (!(v instanceof Map) || v.size !== keys.length) fail();
  for (const k of keys) if (!v.has(k)) fail();
  return v;
}

interface Parsed {
  kid: Uint8Array;
  raw: RawClaims;
  protectedBytes: Uint8Array;
  payloadBytes: Uint8Array;
  signature: Uint8Array;
}

/** Strict decode + schema. Throws FormatError (or cborg's Error) on anything unexpected. */
function parse(bytes: Uint8Array): Parsed {
  const outer = strictDecode(bytes);
  if (!Array.isArray(outer) || outer.length !== 4) fail();
  const protectedBytes = asBytes(outer[0]);
  asMap(outer[1], []);
  const payloadBytes = asBytes(outer[2]);
  const signature = asBytes(outer[3]);
  if (signature.length !== ED25519_SIGNATURE_BYTES) fail();

  const header = asMap(strictDecode(protectedBytes), [HEADER_ALG, HEADER_KID]);
  if (header.get(HEADER_ALG) !== ALG_EDDSA) fail();
  const kid = asBytes(header.get(HEADER_KID));
  if (kid.length < KID_MIN || kid.length > KID_MAX) fail();

  const c = asMap(strictDecode(payloadBytes), [CLAIM_ISS, CLAIM_EXP, CLAIM_NBF, CLAIM_IAT, CLAIM_CTI, CLAIM_CERT_TYPE]);
  if (c.get(CLAIM_ISS) !== TOKEN_ISSUER) fail();
  const exp = c.get(CLAIM_EXP);
  const nbf = c.get(CLAIM_NBF);
  const iat = c.get(CLAIM_IAT);
  if (!isNumericDate(exp) || !isNumericDate(nbf) || !isNumericDate(iat) || !(exp > nbf)) fail();
  const cti = asBytes(c.get(CLAIM_CTI));
  if (cti.length < CTI_MIN || cti.length > CTI_MAX) fail();
  const typeCode = c.get(CLAIM_CERT_TYPE);
  if (typeof typeCode !== 'number' || !Number.isInteger(typeCode) || TYPES_BY_CODE[typeCode] === undefined) fail();

  return { kid, raw: { cti, typeCode, iat, nbf, exp }, protectedBytes, payloadBytes, signature };
}

export function verifyToken(token: string, keys: (keyId: string) => VerifyKey | undefined): VerifyResult {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'format' };
  const bytes = decodeBase32Strict(token);
  if (!bytes) return { ok: false, reason: 'format' };

  let parsed: Parsed;
  try {
    parsed = parse(bytes);
  } catch {
    return { ok: false, reason: 'format' };
  }

  // The one canonical encoding: rebuild every layer from the decoded values and compare bytes.
  const protectedBytes = protectedHeader(parsed.kid);
  const payloadBytes = payload(parsed.raw);
  if (
    !sameBytes(protectedBytes, parsed.protectedBytes) ||
    !sameBytes(payloadBytes, parsed.payloadBytes) ||
    !sameBytes(coseSign1(protectedBytes, payloadBytes, parsed.signature), bytes)
  ) {
    return { ok: false, reason: 'non-canonical' };
  }

  const keyId = hex(parsed.kid);
  let key: VerifyKey | undefined;
  try {
    key = keys(keyId);
  } catch {
    key = undefined;
  }
  if (!key || key.keyId !== keyId) return { ok: false, reason: 'unknown-key' };
  if (key.notAfter !== undefined && parsed.raw.iat > key.notAfter) return { ok: false, reason: 'unknown-key' };

  let good = false;
  try {
    good =
      key.publicKey.asymmetricKeyType === 'ed25519' &&
      verify(null, sigStructure(protectedBytes, payloadBytes), key.publicKey, parsed.signature);
  } catch {
    good = false;
  }
  if (!good) return { ok: false, reason: 'signature' };

  return {
    ok: true,
    claims: {
      certificateId: base32nopad.encode(parsed.raw.cti),
      type: TYPES_BY_CODE[parsed.raw.typeCode],
      keyId,
      issuedAt: parsed.raw.iat,
      notBefore: parsed.raw.nbf,
      expiresAt: parsed.raw.exp,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Keys

export function generateSigningKey(keyId?: string): SigningKey {
  const id = keyId ?? hex(randomBytes(KEY_ID_BYTES));
  keyIdBytes(id);
  const { privateKey } = generateKeyPairSync('ed25519');
  return { keyId: id, privateKey };
}

/** An Ed25519 private key in PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). */
export function signingKeyFromPem(pem: string, keyId: string): SigningKey {
  keyIdBytes(keyId);
  if (!/-----BEGIN PRIVATE KEY-----/.test(pem)) throw new Error('expected a PKCS#8 PEM private key');
  const privateKey = createPrivateKey({ key: pem, format: 'pem' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('expected an Ed25519 key');
  return { keyId, privateKey };
}

export function verifyKeyOf(key: SigningKey, notAfter?: number): VerifyKey {
  const publicKey = createPublicKey(key.privateKey);
  return notAfter === undefined ? { keyId: key.keyId, publicKey } : { keyId: key.keyId, publicKey, notAfter };
}

export function publicJwk(key: VerifyKey): PublicJwk {
  if (key.publicKey.asymmetricKeyType !== 'ed25519') throw new Error('expected an Ed25519 key');
  keyIdBytes(key.keyId);
  const jwk = key.publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('Ed25519 JWK export has no x');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: key.keyId, alg: 'EdDSA', use: 'sig' };
}

/** The inverse of publicJwk, for verifiers that load the published key set. */
export function verifyKeyFromJwk(jwk: PublicJwk | (JsonWebKey & { kid?: unknown })): VerifyKey {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || typeof jwk.kid !== 'string') {
    throw new Error('expected an Ed25519 OKP JWK with a kid');
  }
  keyIdBytes(jwk.kid);
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  return { keyId: jwk.kid, publicKey };
}

// ---------------------------------------------------------------------------------------------
// Verify URL

/**
 * `HTTPS://HOST/V/` + token, all upper case so the whole URL is QR alphanumeric. The verify page's
 * route must therefore be the upper-case path `/V/{token}` (hosts and schemes are case-insensitive).
 */
export function buildVerifyUrl(baseUrl: string, token: string): string {
  const base = baseUrl.toUpperCase();
  if (!/^HTTPS?:\/\/[^/]+\/(?:[^?#]*\/)?$/.test(base)) {
    throw new Error('baseUrl must be an http(s) URL ending with "/"');
  }
  const url = base + token;
  if (!BASE32_TEXT.test(token) || !QR_ALPHANUMERIC.test(url)) {
    throw new Error('the verify URL must use only QR alphanumeric characters');
  }
  return url;
}

/**
 * What a scanner or a paste gives → the token, or undefined if it is neither a verify URL
 * (`http(s)://host/.../V/<token>`, scheme, host and the `V` in any case) nor a bare token. Surrounding
 * white space (a scanner's CR/LF) is ignored. Some scanners lower-case what they read, so the
 * token is folded to upper case here — base32 names each 5-bit group by one letter either way, so
 * this adds no second spelling of a token: verifyToken still accepts only the one canonical text
 * after the fold (and refuses lower case given to it directly).
 */
export function tokenFromVerifyUrl(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  const s = text.trim();
  if (s.length === 0 || s.length > MAX_TOKEN_CHARS + 256) return undefined;
  const url = /^https?:\/\/[^/?#\s]+\/(?:[^?#\s]*\/)?v\/([A-Za-z0-9=]+)$/i.exec(s);
  if (url) return url[1].toUpperCase();
  return /^[A-Za-z0-9=]+$/.test(s) ? s.toUpperCase() : undefined;
}
