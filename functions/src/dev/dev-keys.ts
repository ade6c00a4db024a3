/** A fresh certificate signing key for development and tests, in the CERT_SIGNING_KEYS format. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

export function devCertificateKeys(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return JSON.stringify([{ kid: randomBytes(2).toString('hex'), privateKeyPem }]);
}
