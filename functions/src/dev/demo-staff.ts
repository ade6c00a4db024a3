/**
 * Demo counter staff for the local stack and tests. Their passwords are demo values printed in
 * the README, hashed when seeded; no deployed stage ever gets these users.
 */
import type { StaffRole } from '@hpf/shared';

export interface DemoStaff {
  username: string;
  displayName: string;
  roles: StaffRole[];
  password: string;
}

export const DEMO_STAFF_PASSWORD = 'demo-Counter-2026';

export const DEMO_STAFF: DemoStaff[] = [
  { username: 'deposit.clerk', displayName: '归集科 周敏', roles: ['DEPOSIT_CLERK'], password: DEMO_STAFF_PASSWORD },
  { username: 'account.clerk', displayName: '柜台 孙磊', roles: ['ACCOUNT_CLERK'], password: DEMO_STAFF_PASSWORD },
  { username: 'reviewer.a', displayName: '审核 吴静', roles: ['REVIEWER'], password: DEMO_STAFF_PASSWORD },
  { username: 'reviewer.b', displayName: '复核 郑涛', roles: ['REVIEWER'], password: DEMO_STAFF_PASSWORD },
  { username: 'auditor', displayName: '稽核 冯洁', roles: ['AUDITOR'], password: DEMO_STAFF_PASSWORD },
];
