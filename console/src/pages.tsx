/**
 * The console's pages and who sees them. A page names the API route it is built on, and the
 * route catalogue's roles decide who is offered it: the menu cannot offer what the API refuses.
 */
import { routes, type RouteName, type StaffRole } from '@hpf/shared';
import type { ReactNode } from 'react';
import { AccountPage } from './pages/AccountPage';
import { DepositPage } from './pages/DepositPage';
import { VerifyPage } from './pages/VerifyPage';

export interface ConsolePage {
  path: string;
  label: string;
  needs: RouteName;
  element: ReactNode;
}

export const PAGES: ConsolePage[] = [
  { path: '/deposits', label: '缴存入账', needs: 'postDepositBatch', element: <DepositPage /> },
  { path: '/verify', label: '扫码核验', needs: 'verifyCertificate', element: <VerifyPage /> },
  { path: '/accounts', label: '账户查询', needs: 'staffAccount', element: <AccountPage /> },
];

export function pagesFor(roles: readonly StaffRole[]): ConsolePage[] {
  return PAGES.filter((page) => {
    const needed = (routes[page.needs] as { roles?: readonly StaffRole[] }).roles;
    return !needed || needed.some((role) => roles.includes(role));
  });
}
