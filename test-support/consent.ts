/** The consent a member gives when binding: the notice in force read, the separate consent ticked. */
import { DEFAULT_PRIVACY_NOTICE } from '@hpf/shared';

export const CONSENT = { noticeVersion: DEFAULT_PRIVACY_NOTICE.version, sensitiveConsent: true } as const;
