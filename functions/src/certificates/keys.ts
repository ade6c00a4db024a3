/** The configured certificate keys as signing and verifying keys, built once per container. */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { CertificateKeyConfig } from '../platform/config';
import { signingKeyFromPem, verifyKeyOf, type SigningKey, type VerifyKey } from './token';

export interface CertificateKeyRing {
  signer: SigningKey;
  verifyKeys: Map<string, VerifyKey>;
}

let cached: { source: CertificateKeyConfig[]; ring: CertificateKeyRing } | undefined;

export function keyRing(configured: CertificateKeyConfig[]): CertificateKeyRing {
  if (cached?.source === configured) return cached.ring;
  const verifyKeys = new Map<string, VerifyKey>();
  let signer: SigningKey | undefined;
  for (const key of configured) {
    if (key.privateKeyPem) {
      const signing = signingKeyFromPem(key.privateKeyPem, key.kid);
      signer ??= signing;
      verifyKeys.set(key.kid, verifyKeyOf(signing));
    } else if (key.publicKeyPem) {
      verifyKeys.set(key.kid, { keyId: key.kid, publicKey: createPublicKey(key.publicKeyPem) });
    }
  }
  if (!signer) throw new Error('no certificate signing key configured');
  const ring = { signer, verifyKeys };
  cached = { source: configured, ring };
  return ring;
}

let cachedVerify: { source: ReadonlyMap<string, KeyObject>; keys: Map<string, VerifyKey> } | undefined;

/** The published public keys (CERT_PUBLIC_KEYS) as verifying keys: all a verifier holds. */
export function verifyKeysOf(published: ReadonlyMap<string, KeyObject>): Map<string, VerifyKey> {
  if (cachedVerify?.source === published) return cachedVerify.keys;
  const keys = new Map([...published].map(([kid, publicKey]) => [kid, { keyId: kid, publicKey }] as const));
  cachedVerify = { source: published, keys };
  return keys;
}
