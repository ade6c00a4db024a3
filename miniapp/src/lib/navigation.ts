import Taro from '@tarojs/taro';
import { isApiError } from '../api/client';
import { clearSession } from './session';

export const PAGES = {
  login: '/pages/login/index',
  bind: '/pages/bind/index',
  home: '/pages/home/index',
  ledger: '/pages/ledger/index',
  settings: '/pages/settings/index',
  certificates: '/pages/certificates/index',
  staffLogin: '/pages/staff-login/index',
  verifyScan: '/pages/verify-scan/index',
  verify: '/pages/verify/index',
  rent: '/pages/rent/index',
  messages: '/pages/messages/index',
  review: '/pages/review/index',
  withdrawal: '/pages/withdrawal/index',
  notFound: '/pages/not-found/index',
  guide: '/pages/guide/index',
  retirement: '/pages/retirement/index',
  rating: '/pages/rating/index',
  privacy: '/pages/privacy/index',
  loans: '/pages/loans/index',
} as const;

/** Where an error sends the member instead of showing it in place. */
export function redirectFor(error: unknown): 'login' | 'bind' | undefined {
  if (!isApiError(error)) return undefined;
  if (error.code === 'SESSION_EXPIRED' || error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_ENDED') return 'login';
  if (error.code === 'NOT_BOUND') return 'bind';
  return undefined;
}

/** Follows a sign-in or binding error; true when it navigated away. */
export function followAuthError(error: unknown): boolean {
  const target = redirectFor(error);
  if (target === 'login') {
    clearSession();
    // an expired session is said on the sign-in page, not left for the member to guess
    const reason = isApiError(error) && error.code === 'SESSION_EXPIRED' ? 'expired' : isApiError(error) && error.code === 'SESSION_ENDED' ? 'unbound' : undefined;
    void Taro.reLaunch({ url: reason ? `${PAGES.login}?reason=${reason}` : PAGES.login });
    return true;
  }
  if (target === 'bind') {
    void Taro.reLaunch({ url: PAGES.bind });
    return true;
  }
  return false;
}
