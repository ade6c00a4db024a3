/**
 * Registered verifying agencies (查验机构): other Housing Provident Fund centres and the banks
 * that lend, each office with its own sign-in, registered for the certificate types its work
 * needs. An agency sees those types' whole facts; every such read is recorded by name.
 */
import * as z from 'zod/mini';
import { CertificateType } from './certificates';
import { StaffLoginRequest } from './staff';

export const AgencyKind = z.enum(['HPF_CENTRE', 'BANK']);
export type AgencyKind = z.infer<typeof AgencyKind>;

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  HPF_CENTRE: '住房公积金管理中心',
  BANK: '银行',
};

/** Same shape and rules as the staff sign-in: a lower-case login name and a password. */
export const AgencyLoginRequest = StaffLoginRequest;
export type AgencyLoginRequest = z.infer<typeof AgencyLoginRequest>;

export const AgencySessionResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  username: z.string(),
  /** e.g. 杭州住房公积金管理中心 */
  agencyName: z.string(),
  /** e.g. 西湖分中心 */
  office: z.string(),
  kind: AgencyKind,
  /** The certificate types whose whole facts this office may read. */
  certificateTypes: z.array(CertificateType),
});
export type AgencySessionResponse = z.infer<typeof AgencySessionResponse>;
