/**
 * 设置 on DynamoDB Local: 提取锁, the personal monthly limit and the reminder switches are read back
 * from the server, each change touches only what was sent, and a bad limit is refused in Chinese
 * with nothing changed.
 */
import { formatCurrency } from '@hpf/shared';
import { getSettings as getReminderSettings, settings as putReminderSettings } from '../src/reminders/member';
import { getSettings, settings as settingsHandler } from '../src/withdrawals/member';
import { faceChecked, settingsChangePurpose } from '../../test-support/face';
import { handler as eligibility } from '../src/withdrawals/eligibility';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { useExternalSimulators } from '../../test-support/simulators';
import { useTestTable } from '../../test-support/table';

jest.setTimeout(60_000);
useTestTable({ seed: true });
useExternalSimulators();

const CAP = 150_000;
// loosening the switches passes its face check first (the face rules: face-checks.test.ts)
const putSettings = faceChecked(settingsHandler, settingsChangePurpose);
const put = (token: string, body: unknown) => invoke(putSettings, { method: 'PUT', token, body });
const read = async (token: string) => (await invoke(getSettings, { token })).body;

describe('提取锁 and the personal monthly limit', () => {
  it('reads the saved values back; turning the lock on or off never clears the limit; null clears only the limit', async () => {
    const { token } = await signIn('demo-renter');
    expect(await read(token)).toEqual({ locked: false, monthlyCapFen: CAP });

    expect((await put(token, { personalMonthlyLimitFen: 80_000 })).body).toEqual({ locked: false, personalMonthlyLimitFen: 80_000, monthlyCapFen: CAP });
    expect(await read(token)).toEqual({ locked: false, personalMonthlyLimitFen: 80_000, monthlyCapFen: CAP });

    // the bug this guards: {"locked": …} alone used to remove the limit
    expect((await put(token, { locked: true })).body).toEqual({ locked: true, personalMonthlyLimitFen: 80_000, monthlyCapFen: CAP });
    expect(await read(token)).toEqual({ locked: true, personalMonthlyLimitFen: 80_000, monthlyCapFen: CAP });
    expect((await put(token, { locked: false })).body.personalMonthlyLimitFen).toBe(80_000);
    expect((await invoke(eligibility, { token })).body.maxAmountFen).toBe(80_000);

    // a new limit leaves the lock as it is
    await put(token, { locked: true });
    expect((await put(token, { personalMonthlyLimitFen: 120_000 })).body).toEqual({ locked: true, personalMonthlyLimitFen: 120_000, monthlyCapFen: CAP });

    // an explicit null goes back to the city's cap and leaves the lock alone
    expect((await put(token, { personalMonthlyLimitFen: null })).body).toEqual({ locked: true, monthlyCapFen: CAP });
    expect(await read(token)).toEqual({ locked: true, monthlyCapFen: CAP });
    await put(token, { locked: false });
    expect((await invoke(eligibility, { token })).body.maxAmountFen).toBe(CAP);

    // the cap itself is a valid limit
    expect((await put(token, { personalMonthlyLimitFen: CAP })).status).toBe(200);
  });

  it.each([
    ['above the city cap', { personalMonthlyLimitFen: CAP + 1 }, 422, 'LIMIT_ABOVE_CITY_CAP'],
    ['far above the cap', { personalMonthlyLimitFen: 99_999_999_999 }, 422, 'LIMIT_ABOVE_CITY_CAP'],
    ['an emoji', { personalMonthlyLimitFen: '😀' }, 400, 'INVALID_REQUEST'],
    ['a fraction of a fen', { personalMonthlyLimitFen: 1000.5 }, 400, 'INVALID_REQUEST'],
    ['negative', { personalMonthlyLimitFen: -1 }, 400, 'INVALID_REQUEST'],
    ['a lock that is not on or off', { locked: 'yes' }, 400, 'INVALID_REQUEST'],
    ['nothing to change', {}, 400, 'INVALID_REQUEST'],
  ])('refuses a limit %s with a Chinese message, and changes nothing', async (_what, body, status, code) => {
    const { token } = await signIn('demo-loan');
    await put(token, { locked: true, personalMonthlyLimitFen: 50_000 });
    const before = await read(token);
    const reply = await put(token, body);
    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    if (code === 'LIMIT_ABOVE_CITY_CAP') expect(reply.body.error.message).toContain(formatCurrency(CAP));
    expect(await read(token)).toEqual(before);
  });
});

describe('到账提醒 switches', () => {
  const putReminders = (token: string, body: unknown) => invoke(putReminderSettings, { method: 'PUT', token, body });

  it('starts all on, keeps each switch on its own, and reads them back', async () => {
    const { token } = await signIn('demo-paidoff');
    expect((await invoke(getReminderSettings, { token })).body).toEqual({ deposit: true, withdrawal: true, interest: true });
    expect((await putReminders(token, { deposit: false })).body).toEqual({ deposit: false, withdrawal: true, interest: true });
    expect((await putReminders(token, { interest: false })).body).toEqual({ deposit: false, withdrawal: true, interest: false });
    expect((await putReminders(token, { deposit: true })).body).toEqual({ deposit: true, withdrawal: true, interest: false });
    expect((await invoke(getReminderSettings, { token })).body).toEqual({ deposit: true, withdrawal: true, interest: false });
  });

  it('two first changes at once both stay (the map is created once)', async () => {
    const { token } = await signIn('demo-retiree');
    await Promise.all([putReminders(token, { deposit: false }), putReminders(token, { withdrawal: false })]);
    expect((await invoke(getReminderSettings, { token })).body).toEqual({ deposit: false, withdrawal: false, interest: true });
  });

  it.each([
    ['a switch that is not on or off', { deposit: 'no' }],
    ['nothing to change', {}],
  ])('refuses %s and changes nothing', async (_what, body) => {
    const { token } = await signIn('demo-sealed');
    await putReminders(token, { withdrawal: false });
    const reply = await putReminders(token, body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('INVALID_REQUEST');
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await invoke(getReminderSettings, { token })).body).toEqual({ deposit: true, withdrawal: false, interest: true });
  });
});
