/**
 * The console's pages and who sees them. A page names the API route it is built on, and the
 * route catalogue's roles decide who is offered it: the menu cannot offer what the API refuses.
 * Each page is its own chunk, loaded when first opened: a clerk's browser never fetches the pages
 * of other roles.
 */
import { routes, type RouteName, type StaffRole } from '@hpf/shared';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface ConsolePage {
  path: string;
  label: string;
  needs: RouteName;
  Page: LazyExoticComponent<ComponentType>;
}

const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(async () => ({ default: (await load())[name] }));

export const PAGES: ConsolePage[] = [
  { path: '/deposits', label: '缴存入账', needs: 'postDepositBatch', Page: named(() => import('./pages/DepositPage'), 'DepositPage') },
  { path: '/review', label: '提取审核', needs: 'reviewWithdrawal', Page: named(() => import('./pages/ReviewPage'), 'ReviewPage') },
  { path: '/payouts', label: '付款', needs: 'resolveManualCheck', Page: named(() => import('./pages/PayoutsPage'), 'PayoutsPage') },
  { path: '/verify', label: '扫码核验', needs: 'verifyCertificate', Page: named(() => import('./pages/VerifyPage'), 'VerifyPage') },
  { path: '/accounts', label: '账户查询', needs: 'staffAccount', Page: named(() => import('./pages/AccountPage'), 'AccountPage') },
  { path: '/open-account', label: '开户', needs: 'openAccount', Page: named(() => import('./pages/OpenAccountPage'), 'OpenAccountPage') },
  { path: '/closing', label: '销户提取', needs: 'startClosingWithdrawal', Page: named(() => import('./pages/ClosingPage'), 'ClosingPage') },
  { path: '/interest', label: '结息', needs: 'previewInterest', Page: named(() => import('./pages/InterestPage'), 'InterestPage') },
  { path: '/ratings', label: '好差评工单', needs: 'staffRatingCases', Page: named(() => import('./pages/RatingCasesPage'), 'RatingCasesPage') },
  { path: '/reconciliation', label: '日清日结', needs: 'reconciliationDay', Page: named(() => import('./pages/ReconciliationPage'), 'ReconciliationPage') },
  { path: '/rating-figures', label: '好差评统计', needs: 'ratingFigures', Page: named(() => import('./pages/RatingFiguresPage'), 'RatingFiguresPage') },
];

export function pagesFor(roles: readonly StaffRole[]): ConsolePage[] {
  return PAGES.filter((page) => {
    const needed = (routes[page.needs] as { roles?: readonly StaffRole[] }).roles;
    return !needed || needed.some((role) => roles.includes(role));
  });
}
