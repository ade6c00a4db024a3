/** Fresh keys for development and tests, in the formats the configuration reads (config.ts). */
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';

/** A certificate signing key, in the CERT_SIGNING_KEYS format. */
export function devCertificateKeys(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return JSON.stringify([{ kid: randomBytes(2).toString('hex'), privateKeyPem }]);
}

/** CERT_PUBLIC_KEYS for CERT_SIGNING_KEYS: the public half of each key, as the SSM parameter holds them. */
export function certificatePublicKeysOf(signingKeysJson: string): string {
  const keys = JSON.parse(signingKeysJson) as { kid: string; privateKeyPem?: string; publicKeyPem?: string }[];
  return JSON.stringify(
    keys.map(({ kid, privateKeyPem, publicKeyPem }) => ({
      kid,
      publicKeyPem: publicKeyPem ?? createPublicKey(privateKeyPem!).export({ format: 'pem', type: 'spki' }).toString(),
    })),
  );
}

export interface DevSessionKeys {
  /** SESSION_SIGNING_KEY: the sign-in functions' private key. */
  signingKey: string;
  /** SESSION_PUBLIC_KEYS: what every function verifies with. */
  publicKeys: string;
}

/** A session key pair: the private half for the sign-in functions, the public half for all. */
export function devSessionKeys(): DevSessionKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const kid = randomBytes(2).toString('hex');
  return {
    signingKey: JSON.stringify({ kid, privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }),
    publicKeys: JSON.stringify([{ kid, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() }]),
  };
}

/** A fresh certificate key as the two variables: the signer's private key and what verifiers hold. */
export function devCertificateKeyEnv(): { CERT_SIGNING_KEYS: string; CERT_PUBLIC_KEYS: string } {
  const signing = devCertificateKeys();
  return { CERT_SIGNING_KEYS: signing, CERT_PUBLIC_KEYS: certificatePublicKeysOf(signing) };
}
