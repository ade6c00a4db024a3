/** Member sessions for tests: through the real login handler, or signed directly for synthetic members. */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { handler as wechatLogin } from '../functions/src/auth/wechat-login';
import { signInConfig } from '../functions/src/platform/config';
import { issueSession } from '../functions/src/platform/session';
import { bindingItem, getBinding } from '../functions/src/adapters/bindings-repository';
import { dynamo } from '../functions/src/platform/dynamo';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { invoke } from './http';

/** Signs in a demo member through the real login handler and the WeChat simulator. */
export async function signIn(openid: string): Promise<{ token: string; bound: boolean }> {
  const reply = await invoke(wechatLogin, { body: { code: `sim:${openid}` } });
  if (reply.status !== 200) throw new Error(`sign-in failed for ${openid}: ${reply.text}`);
  return reply.body;
}

/**
 * A session for a member written straight to the table (synthetic accounts have no binding to
 * sign in through), signed as the sign-in functions sign: the test process holds their key. The
 * binding it stands on is written too (the HTTP edge refuses a member session without one); an
 * existing binding of that openid is kept, so every session of one member stands on one binding.
 */
export async function memberSession(openid: string, accountNo: string): Promise<string> {
  const { tableName } = signInConfig();
  const existing = await getBinding(tableName, openid);
  const binding = existing?.accountNo === accountNo ? existing : { openid, accountNo, boundAt: new Date().toISOString() };
  if (binding !== existing) await dynamo().send(new PutCommand({ TableName: tableName, Item: bindingItem(binding) }));
  return (await issueSession({ subject: openid, role: 'member', accountNo, boundAt: binding.boundAt }, signInConfig().sessionSigner, new Date())).token;
}

/**
 * Tokens every protected route must refuse, for the demo renter's account: an HS256 token (the old
 * format, whose key every function used to hold) keyed with the real public key's text (the
 * classic algorithm confusion), one signed by another Ed25519 key under the real kid, one whose
 * kid is unknown, `alg: none`, and one the real key signed that has run out.
 */
export async function refusedSessions(accountNo = '310100200001', subject = 'demo-renter') {
  const signer = signInConfig().sessionSigner;
  const claims = { role: 'member', acct: accountNo };
  const base = () => new SignJWT(claims).setSubject(subject).setIssuer('hpf-member-service').setAudience('hpf-miniapp').setExpirationTime('1h');
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const publicPem = createPublicKey(signer.privateKey).export({ format: 'pem', type: 'spki' }).toString();
  const other = generateKeyPairSync('ed25519').privateKey;
  return {
    none: undefined,
    garbage: 'not-a-token',
    hs256: await base().setProtectedHeader({ alg: 'HS256', kid: signer.kid }).sign(new TextEncoder().encode(publicPem)),
    otherKey: await base().setProtectedHeader({ alg: 'EdDSA', kid: signer.kid }).sign(other),
    unknownKid: await base().setProtectedHeader({ alg: 'EdDSA', kid: 'ffff' }).sign(other),
    noKid: await base().setProtectedHeader({ alg: 'EdDSA' }).sign(signer.privateKey),
    algNone: `${b64({ alg: 'none', typ: 'JWT', kid: signer.kid })}.${b64({ ...claims, sub: subject, iss: 'hpf-member-service', aud: 'hpf-miniapp', exp: 9_999_999_999 })}.`,
    expired: (await issueSession({ subject, role: 'member', accountNo }, signer, new Date(Date.now() - (signer.ttlSeconds + 60) * 1000))).token,
  };
}
