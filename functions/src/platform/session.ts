/**
 * Session tokens: EdDSA (Ed25519) JWTs. Only the sign-in functions hold a private key (a
 * `SessionSigner`, which only `signInConfig` builds); every other function holds public keys only
 * (a `SessionVerifier`), so no other function's configuration can mint a member or staff token.
 * Only EdDSA is accepted, so an HS256 token, `alg: none` or any other algorithm is refused, and
 * the token's `kid` picks the public key: the current key and the previous one both verify while
 * a rotation is under way (docs/sessions.md).
 */
import type { KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { DomainError, StaffRole, type CertificateType } from '@hpf/shared';

export type Role = 'member' | 'staff' | 'agency';

export interface Session {
  /** The WeChat openid (members), the staff username or the agency office's login name. */
  subject: string;
  role: Role;
  /** Present once the openid is bound to a Housing Provident Fund account. */
  accountNo?: string;
  /**
   * Members: when the binding this session was signed for was made. The HTTP edge compares it with
   * the binding on record, so unbinding (and binding again) ends every earlier session at once.
   */
  boundAt?: string;
  /** Staff only: what this staff member may do. */
  roles?: StaffRole[];
  /**
   * Filled in by the HTTP edge from the staff or agency record (never from the token): how a
   * reader is named in the member's 查验记录, and which certificate types an agency may read whole.
   */
  reader?: { label: string; certificateTypes?: CertificateType[] };
}

const ISSUER = 'hpf-member-service';
const AUDIENCE = 'hpf-miniapp';
const ALGORITHM = 'EdDSA';

/** What a sign-in function signs with: its private key, the key's id, and how long a session lasts. */
export interface SessionSigner {
  kid: string;
  privateKey: KeyObject;
  ttlSeconds: number;
}

/**
 * The public keys sessions verify against, by kid, imported once per container. Tokens already
 * verified are remembered (bounded), so a member's next requests on a warm container skip the
 * Ed25519 verification, which costs several times an HMAC.
 */
export interface SessionVerifier {
  keys: ReadonlyMap<string, KeyObject>;
  verified: Map<string, JWTPayload>;
}

const REMEMBERED_TOKENS = 2000;

export function sessionVerifier(keys: ReadonlyMap<string, KeyObject>): SessionVerifier {
  return { keys, verified: new Map() };
}

export async function issueSession(session: Session, signer: SessionSigner, now: Date) {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + signer.ttlSeconds;
  const claims = {
    role: session.role,
    ...(session.accountNo ? { acct: session.accountNo } : {}),
    ...(session.boundAt ? { bnd: session.boundAt } : {}),
    ...(session.roles ? { roles: session.roles } : {}),
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: signer.kid })
    .setSubject(session.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(signer.privateKey);
  return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

async function verifiedPayload(token: string, verifier: SessionVerifier, now: Date): Promise<JWTPayload> {
  const remembered = verifier.verified.get(token);
  if (remembered) {
    // the signature stood when first seen; its time limit is checked on every use
    if ((remembered.exp ?? 0) > Math.floor(now.getTime() / 1000)) return remembered;
    verifier.verified.delete(token);
    throw new DomainError('SESSION_EXPIRED');
  }
  const { payload } = await jwtVerify(
    token,
    (header) => {
      const key = header.kid === undefined ? undefined : verifier.keys.get(header.kid);
      if (!key) throw new DomainError('UNAUTHENTICATED');
      return key;
    },
    { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE, currentDate: now, requiredClaims: ['exp', 'sub'] },
  );
  if (verifier.verified.size >= REMEMBERED_TOKENS) verifier.verified.delete(verifier.verified.keys().next().value!);
  verifier.verified.set(token, payload);
  return payload;
}

export async function verifySession(token: string, verifier: SessionVerifier, now: Date): Promise<Session> {
  let payload: JWTPayload;
  try {
    payload = await verifiedPayload(token, verifier, now);
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new DomainError('SESSION_EXPIRED');
    if (error instanceof DomainError) throw error;
    throw new DomainError('UNAUTHENTICATED');
  }
  const role = payload.role;
  if (typeof payload.sub !== 'string' || (role !== 'member' && role !== 'staff' && role !== 'agency')) {
    throw new DomainError('UNAUTHENTICATED');
  }
  const accountNo = typeof payload.acct === 'string' ? payload.acct : undefined;
  const boundAt = typeof payload.bnd === 'string' ? payload.bnd : undefined;
  const staffRoles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is StaffRole => StaffRole.safeParse(r).success) : [];
  return {
    subject: payload.sub,
    role,
    ...(accountNo && role === 'member' ? { accountNo } : {}),
    ...(boundAt && role === 'member' ? { boundAt } : {}),
    ...(role === 'staff' ? { roles: staffRoles } : {}),
  };
}
