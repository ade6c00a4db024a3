/**
 * City policy as data. Defaults come from the centre's published rules (see the team's policy
 * notes); every number can be overridden per deployment through configuration, never edited
 * into business code.
 */
import * as z from 'zod/mini';
import { ServiceGuide } from './schemas/service-guide';
import { DEFAULT_SERVICE_GUIDE } from './service-guide';
import { DEFAULT_FACE_POLICY, FacePolicy } from './face';
import { DEFAULT_RETIREMENT_POLICY, RetirementPolicy } from './retirement';
import { DEFAULT_LOAN_POLICY, LoanPolicy } from './loans';
import { DEFAULT_RATING_POLICY, RatingPolicy } from './service-rating';
import { DEFAULT_PRIVACY_NOTICE, PrivacyNotice } from './privacy-notice';
import { DEFAULT_RECONCILIATION_POLICY, ReconciliationPolicy } from './reconciliation';

export const DepositPolicy = z.object({
  /** Round each share to the fen or to the yuan, half up. */
  shareRounding: z.enum(['FEN', 'YUAN']),
  minRateBasisPoints: z.int().check(z.minimum(0), z.maximum(10_000)),
  maxRateBasisPoints: z.int().check(z.minimum(0), z.maximum(10_000)),
});

export const Policy = z.object({
  deposit: DepositPolicy,
  bind: z.object({
    /** Failed real-name attempts allowed per window, per WeChat user and per ID number. */
    maxFailures: z.int().check(z.minimum(1)),
    windowSeconds: z.int().check(z.minimum(60)),
  }),
  staffLogin: z.object({
    /** Failed staff sign-ins allowed per window, per username. */
    maxFailures: z.int().check(z.minimum(1)),
    windowSeconds: z.int().check(z.minimum(60)),
  }),
  verify: z.object({
    /**
     * Checks allowed per window. A code that cannot be genuine (no valid signature) counts against
     * its caller: per source address for the public, per staff member or agency office when signed
     * in. A genuine code counts against its certificate — a code lives two minutes, so only the
     * member's phone can make more — in the same write that records the check.
     */
    windowSeconds: z.int().check(z.minimum(1)),
    publicMaxPerWindow: z.int().check(z.minimum(1)),
    staffMaxPerWindow: z.int().check(z.minimum(1)),
    certificateMaxPerWindow: z.int().check(z.minimum(1)),
  }),
  rent: z.object({
    monthlyCapFen: z.int().check(z.minimum(0)),
    minDepositMonths: z.int().check(z.minimum(0)),
    /** What must stay in the account after a withdrawal. */
    retainedMinimumFen: z.int().check(z.minimum(0)),
    /** Families with at least this many minor children withdraw the actual rent (据实提取). */
    actualRentMinorChildren: z.int().check(z.minimum(1)),
    /** A card bound this recently cannot receive money yet. */
    newCardCoolingHours: z.int().check(z.minimum(0)),
    /** A card bound this recently sends the application to review. */
    newCardReviewDays: z.int().check(z.minimum(0)),
    /** More members than this on one lease (or one landlord account) sends it to review. */
    sameLeaseMaxMembers: z.int().check(z.minimum(1)),
    sameLandlordMaxMembers: z.int().check(z.minimum(1)),
    /** This many earlier months in a row at the cap sends it to review. */
    capStreakMonths: z.int().check(z.minimum(1)),
  }),
  /** How the payout worker retries a payout the bank has not settled, and when it gives up into 人工核查. */
  payout: z.object({
    /** Attempts (sends or lookups) before an unknown payout goes to manual check. */
    maxAttempts: z.int().check(z.minimum(1), z.maximum(100)),
    /** Paying this long with no definite answer sends it to manual check, whatever the attempts. */
    maxUnknownMinutes: z.int().check(z.minimum(1)),
    /** Backoff after attempt n: min(max, base × 2^(n-1)), with full jitter. */
    baseBackoffSeconds: z.number().check(z.positive()),
    maxBackoffSeconds: z.number().check(z.positive()),
    /** How often a payout in manual check is looked up again (never resent). */
    manualCheckLookupMinutes: z.int().check(z.minimum(1)),
    /** Applications one sweep works on at once. */
    sweepConcurrency: z.int().check(z.minimum(1), z.maximum(64)),
    /** The sweep starts nothing new with less than this left of its invocation. */
    sweepReserveSeconds: z.number().check(z.minimum(0)),
  }),
  reminders: z.object({
    /** Long-term subscriptions (public-service categories) need no per-message consent. */
    longTermSubscription: z.boolean(),
  }),
  certificate: z.object({
    /** How long an issued e-certificate stays valid (the displayed code itself lives 2 minutes). */
    validDays: z.int().check(z.minimum(1), z.maximum(366)),
  }),
  interest: z.object({
    /** The unified deposit rate, in basis points a year (1.50% = 150). */
    annualRateBasisPoints: z.int().check(z.minimum(0), z.maximum(10_000)),
  }),
  /** 人脸核验: which acts need a check just before them, and how long a passed one may be used. */
  face: FacePolicy,
  /** 离退休提取「免申即享」: an outstanding loan repaid first or blocking, and whether it pays itself after N days (shared/src/retirement.ts). */
  retirement: RetirementPolicy,
  /** 公积金贷款: the schedule's rounding, and 约定提取还贷's retained minimum and rent rule (shared/src/loans.ts). */
  loan: LoanPolicy,
  /** 好差评: the rating window, case deadlines in working days, the calendar (shared/src/service-rating.ts). */
  rating: RatingPolicy,
  /** 服务指南: hotline, offices and hours, what each withdrawal type needs (shared/src/service-guide.ts). */
  service: ServiceGuide,
  /** 隐私政策 and the separate consent asked before binding; a new version asks again (shared/src/privacy-notice.ts). */
  privacy: PrivacyNotice,
  /** 日清月结: the centre's bank accounts and how long a bank may take to show a movement (shared/src/reconciliation.ts). */
  reconciliation: ReconciliationPolicy,
});
export type Policy = z.infer<typeof Policy>;

export const DEFAULT_POLICY: Policy = {
  deposit: { shareRounding: 'FEN', minRateBasisPoints: 500, maxRateBasisPoints: 1200 },
  bind: { maxFailures: 5, windowSeconds: 15 * 60 },
  staffLogin: { maxFailures: 5, windowSeconds: 15 * 60 },
  // a person scans a code every few seconds at most; a script probing for forged codes is stopped
  verify: { windowSeconds: 60, publicMaxPerWindow: 20, staffMaxPerWindow: 240, certificateMaxPerWindow: 10 },
  interest: { annualRateBasisPoints: 150 },
  service: DEFAULT_SERVICE_GUIDE,
  face: DEFAULT_FACE_POLICY,
  retirement: DEFAULT_RETIREMENT_POLICY,
  loan: DEFAULT_LOAN_POLICY,
  rating: DEFAULT_RATING_POLICY,
  privacy: DEFAULT_PRIVACY_NOTICE,
  reconciliation: DEFAULT_RECONCILIATION_POLICY,
  certificate: { validDays: 30 },
  reminders: { longTermSubscription: false },
  // a bank outage of minutes is retried through; one still unknown after an hour is a person's job
  payout: {
    maxAttempts: 12,
    maxUnknownMinutes: 60,
    baseBackoffSeconds: 5,
    maxBackoffSeconds: 600,
    manualCheckLookupMinutes: 60,
    sweepConcurrency: 8,
    sweepReserveSeconds: 15,
  },
  rent: {
    monthlyCapFen: 150_000,
    minDepositMonths: 3,
    retainedMinimumFen: 1_000,
    actualRentMinorChildren: 2,
    newCardCoolingHours: 12,
    newCardReviewDays: 7,
    sameLeaseMaxMembers: 2,
    sameLandlordMaxMembers: 3,
    capStreakMonths: 3,
  },
};
