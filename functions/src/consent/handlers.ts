/**
 * 隐私政策 and the member's consent to it: the notice in force, what the member agreed to and
 * when, and agreeing again after the notice changed. Withdrawing consent is 解除绑定
 * (functions/src/auth/unbind.ts): the service cannot go on without it.
 */
import { consentIsCurrent, consentTo, DomainError, routes, type MyConsentResponse, type PrivacyNotice } from '@hpf/shared';
import { listConsents, recordConsent, type Binding } from '../adapters/bindings-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

export const privacyNotice = httpRoute(routes.privacyNotice, async () => config().policy.privacy);

async function consentView(tableName: string, binding: Binding, notice: PrivacyNotice): Promise<MyConsentResponse> {
  const records = await listConsents(tableName, binding.openid);
  return { currentVersion: notice.version, current: consentIsCurrent(binding.consentVersion, notice), records };
}

export const myConsent = httpRoute(routes.myConsent, async ({ binding }) => {
  const { tableName, policy } = config();
  return consentView(tableName, await binding(), policy.privacy);
});

export const agreeConsent = httpRoute(routes.agreeConsent, async ({ binding: bindingOfSession, body, now }) => {
  const { tableName, policy } = config();
  if (!consentIsCurrent(body.noticeVersion, policy.privacy)) throw new DomainError('CONSENT_OUTDATED');
  const binding = await bindingOfSession();
  // agreeing twice to the notice already agreed to records nothing new
  if (consentIsCurrent(binding.consentVersion, policy.privacy)) return consentView(tableName, binding, policy.privacy);
  const consent = consentTo(policy.privacy, now);
  await recordConsent(tableName, binding, consent);
  return consentView(tableName, { ...binding, consentVersion: consent.noticeVersion, consentAt: consent.agreedAt }, policy.privacy);
});
