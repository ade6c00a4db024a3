/**
 * Session tokens: HS256 JWTs signed with the configured secret. Only HS256 is accepted, so a
 * token claiming `alg: none` or any other algorithm is refused.
 */
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { DomainError, StaffRole, type CertificateType } from '@hpf/shared';

export type Role = 'member' | 'staff' | 'agency';

export interface Session {
  /** The WeChat openid (members), the staff username or the agency office's login name. */
  subject: string;
  role: Role;
  /** Present once the openid is bound to a Housing Provident Fund account. */
  accountNo?: string;
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

export interface SessionKeys {
  secret: string;
  ttlSeconds: number;
}

function keyBytes(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function issueSession(session: Session, keys: SessionKeys, now: Date) {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + keys.ttlSeconds;
  const claims = {
    role: session.role,
    ...(session.accountNo ? { acct: session.accountNo } : {}),
    ...(session.roles ? { roles: session.roles } : {}),
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(session.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(keyBytes(keys.secret));
  return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

export async function verifySession(token: string, keys: SessionKeys, now: Date): Promise<Session> {
  try {
    const { payload } = await jwtVerify(token, keyBytes(keys.secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
    });
    const role = payload.role;
    if (typeof payload.sub !== 'string' || (role !== 'member' && role !== 'staff' && role !== 'agency')) {
      throw new DomainError('UNAUTHENTICATED');
    }
    const accountNo = typeof payload.acct === 'string' ? payload.acct : undefined;
    const staffRoles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is StaffRole => StaffRole.safeParse(r).success) : [];
    return {
      subject: payload.sub,
      role,
      ...(accountNo && role === 'member' ? { accountNo } : {}),
      ...(role === 'staff' ? { roles: staffRoles } : {}),
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new DomainError('SESSION_EXPIRED');
    throw new DomainError('UNAUTHENTICATED');
  }
}
