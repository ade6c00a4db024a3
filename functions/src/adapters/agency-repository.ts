/** Registered verifying agencies: one sign-in per office, with the certificate types it may read whole. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AgencyKind, CertificateType } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';

export interface AgencyUser {
  username: string;
  /** e.g. 杭州住房公积金管理中心 */
  agencyName: string;
  /** e.g. 西湖分中心 */
  office: string;
  kind: AgencyKind;
  certificateTypes: CertificateType[];
  passwordHash: string;
  disabled: boolean;
}

export async function getAgencyUser(tableName: string, username: string): Promise<AgencyUser | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.agencyUser(username) }));
  if (!Item) return undefined;
  return {
    username: Item.username,
    agencyName: Item.agencyName,
    office: Item.office,
    kind: Item.kind,
    certificateTypes: Item.certificateTypes ?? [],
    passwordHash: Item.passwordHash,
    disabled: Item.disabled === true,
  };
}

export function agencyUserItem(user: AgencyUser): Record<string, unknown> {
  return { ...keys.agencyUser(user.username), ...user };
}

/** How the member's 查验记录 names the reader: the agency and the office, never a login name. */
export function agencyLabel(user: Pick<AgencyUser, 'agencyName' | 'office'>): string {
  return `${user.agencyName} ${user.office}`;
}
