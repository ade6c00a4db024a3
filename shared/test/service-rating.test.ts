import {
  formatRate,
  isBadRating,
  mayDecideAppeal,
  RATING_CASE_LIFE_CYCLE,
  RATING_LEVEL_LABELS,
  RATING_LEVELS,
  ratingCaseTransition,
  ratingFigures,
  type RatingLevel,
} from '../src/service-rating';
import { addWorkingDays, isWorkingDay, workingDaysBetween, type WorkingCalendar } from '../src/working-days';

// A National Day week shaped like the State Council's notices: 1–7 October off (Thursday to
// Wednesday), Saturday 10 October a working day. Test data, not a published calendar.
const october: WorkingCalendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workingWeekends: ['2026-10-10'],
};

describe('working-day deadlines', () => {
  it('five working days from a Friday is the next Friday (the weekend does not count)', () => {
    expect(addWorkingDays('2026-11-27', 5, october)).toBe('2026-12-04');
  });

  it('across the holiday week, and the Saturday made a working day counts', () => {
    expect(addWorkingDays('2026-09-30', 3, october)).toBe('2026-10-10'); // 8, 9, 10 October
    expect(addWorkingDays('2026-10-03', 1, october)).toBe('2026-10-08'); // opened on a day off
    expect(isWorkingDay('2026-10-10', october)).toBe(true);
    expect(isWorkingDay('2026-10-05', october)).toBe(false);
    expect(isWorkingDay('2026-10-11', october)).toBe(false);
  });

  it('how many working days a case is late', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-12', october)).toBe(4);
    expect(workingDaysBetween('2026-10-12', '2026-10-12', october)).toBe(0);
  });

  it('refuses what is not a deadline', () => {
    expect(() => addWorkingDays('2026-02-30', 1, october)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-10-01', 0, october)).toThrow(RangeError);
  });
});

describe('好差评 levels and the case', () => {
  it('the national five levels, in their words; the two lowest open a case', () => {
    expect(RATING_LEVELS.map((level) => RATING_LEVEL_LABELS[level])).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(RATING_LEVELS.filter(isBadRating)).toEqual(['DISSATISFIED', 'VERY_DISSATISFIED']);
  });

  it('a bad rating goes 核实 → 整改 → 回访 → closed; the member or the clock closes it, not the office', () => {
    expect(ratingCaseTransition('OPEN', 'VERIFIED', 'OFFICE')).toBeDefined();
    expect(ratingCaseTransition('VERIFIED', 'RECTIFIED', 'OFFICE')).toBeDefined();
    expect(ratingCaseTransition('RECTIFIED', 'FOLLOWED_UP', 'OFFICE')).toBeDefined();
    expect(ratingCaseTransition('FOLLOWED_UP', 'CLOSED', 'MEMBER')).toBeDefined();
    expect(ratingCaseTransition('FOLLOWED_UP', 'CLOSED', 'OFFICE')).toBeUndefined();
    expect(ratingCaseTransition('OPEN', 'CLOSED', 'OFFICE')).toBeUndefined(); // no skipping 整改 and 回访
  });

  it('an appeal is decided by a reviewer who is not the one who appealed', () => {
    expect(ratingCaseTransition('APPEALED', 'APPEAL_UPHELD', 'OFFICE')).toBeUndefined();
    expect(ratingCaseTransition('APPEALED', 'APPEAL_UPHELD', 'REVIEWER')).toBeDefined();
    expect(ratingCaseTransition('APPEALED', 'VERIFIED', 'REVIEWER')).toBeDefined();
    expect(mayDecideAppeal('counter.wang', 'counter.wang')).toBe(false);
    expect(mayDecideAppeal('counter.wang', 'chief.li')).toBe(true);
    // every state but the ends can be left
    const leavable = new Set(RATING_CASE_LIFE_CYCLE.map((t) => t.from));
    expect([...leavable].sort()).toEqual(['APPEALED', 'FOLLOWED_UP', 'OPEN', 'RECTIFIED', 'VERIFIED']);
  });
});

describe('评价率 and 满意率 of a month, as counted by hand', () => {
  // 205 services delivered; 200 rated: 150 非常满意, 30 满意, 10 基本满意, 6 不满意, 4 非常不满意
  const month: { level: RatingLevel; upheldAppeal?: boolean }[] = [
    ...Array.from({ length: 150 }, () => ({ level: 'VERY_SATISFIED' as const })),
    ...Array.from({ length: 30 }, () => ({ level: 'SATISFIED' as const })),
    ...Array.from({ length: 10 }, () => ({ level: 'BASICALLY_SATISFIED' as const })),
    ...Array.from({ length: 6 }, () => ({ level: 'DISSATISFIED' as const })),
    ...Array.from({ length: 4 }, () => ({ level: 'VERY_DISSATISFIED' as const })),
  ];

  it('200 / 205 = 97.56% rated; (150 + 30) / 200 = 90.00% satisfied; 10 bad', () => {
    const figures = ratingFigures(205, month);
    expect(figures).toMatchObject({ rated: 200, satisfied: 180, bad: 10, ratingRateBasisPoints: 9756, satisfactionRateBasisPoints: 9000 });
    expect(figures.byLevel).toEqual({ VERY_SATISFIED: 150, SATISFIED: 30, BASICALLY_SATISFIED: 10, DISSATISFIED: 6, VERY_DISSATISFIED: 4 });
    expect(formatRate(figures.ratingRateBasisPoints)).toBe('97.56%');
  });

  it('a bad rating whose appeal was upheld is not counted: 180 / 199 = 90.45%', () => {
    const appealed = month.map((rating, i) => (i === month.length - 1 ? { ...rating, upheldAppeal: true } : rating));
    expect(ratingFigures(205, appealed)).toMatchObject({ rated: 199, bad: 9, satisfactionRateBasisPoints: 9045, ratingRateBasisPoints: 9707 });
  });

  it('nothing delivered or rated is shown as —, not as 0% or 100%', () => {
    expect(formatRate(ratingFigures(0, []).ratingRateBasisPoints)).toBe('—');
    expect(formatRate(ratingFigures(3, []).satisfactionRateBasisPoints)).toBe('—');
    expect(() => ratingFigures(1, month)).toThrow(RangeError);
  });
});
