/** The 人社 adapter against its simulator: a retirement record, none, and a service that cannot say. */
import { retirementRecord } from '../src/adapters/social-insurance-client';
import { startSocialInsuranceSimulator, type SocialInsuranceSimulator } from '../src/dev/social-insurance-simulator';

describe('人社 retirement records (adapter + simulator)', () => {
  let sim: SocialInsuranceSimulator;
  beforeAll(async () => {
    sim = await startSocialInsuranceSimulator({ retired: { '31010119640208007x': '2024-08-12' } });
  });
  afterAll(() => sim.stop());
  const api = () => ({ apiBase: sim.baseUrl, timeoutMs: 300 });

  it('reads a retirement record by ID number (the check letter in either case), and says when there is none', async () => {
    await expect(retirementRecord(api(), '31010119640208007X')).resolves.toEqual({ retired: true, retiredOn: '2024-08-12' });
    await expect(retirementRecord(api(), '310101198001010011')).resolves.toEqual({ retired: false });
    expect(sim.lookups.get('31010119640208007X')).toBe(1);
  });

  it('down or slower than the timeout: unknown, never "not retired"', async () => {
    sim.setMode('down');
    await expect(retirementRecord(api(), '31010119640208007X')).resolves.toBe('unknown');
    sim.setMode('slow', 1_000);
    await expect(retirementRecord(api(), '31010119640208007X')).resolves.toBe('unknown');
    sim.setMode('up');
    await expect(retirementRecord(api(), '31010119640208007X')).resolves.toMatchObject({ retired: true });
  });

  it('a record added through the control endpoint is found, as the local stack and the soak add them', async () => {
    await fetch(`${sim.baseUrl}/_control`, { method: 'POST', body: JSON.stringify({ addRetired: [{ idNumber: '310101195901010012', retiredOn: '2019-01-31' }] }) });
    await expect(retirementRecord(api(), '310101195901010012')).resolves.toEqual({ retired: true, retiredOn: '2019-01-31' });
  });
});
