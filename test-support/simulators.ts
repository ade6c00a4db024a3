/**
 * The bank, property-registry and 人社 simulators for one test file, in this process, so a test can
 * switch the bank's behaviour without touching other files. Call before the first handler call:
 * handlers read their configuration once.
 */
import { startBankSimulator, type BankSimulator } from '../functions/src/dev/bank-simulator';
import { startRegistrySimulator, type RegistrySimulator } from '../functions/src/dev/registry-simulator';
import { startSocialInsuranceSimulator, type SocialInsuranceSimulator } from '../functions/src/dev/social-insurance-simulator';
import { demoHomeOwners, demoRetirementRecords } from '../functions/src/dev/demo-members';

export function useExternalSimulators(): { bank: BankSimulator; registry: RegistrySimulator; socialInsurance: SocialInsuranceSimulator } {
  const holder = {} as { bank: BankSimulator; registry: RegistrySimulator; socialInsurance: SocialInsuranceSimulator };
  beforeAll(async () => {
    holder.bank = await startBankSimulator({ hangMs: 3_000 });
    holder.registry = await startRegistrySimulator({ owners: demoHomeOwners(new Date()) });
    process.env.BANK_API_BASE = holder.bank.baseUrl;
    holder.socialInsurance = await startSocialInsuranceSimulator({ retired: demoRetirementRecords(new Date()) });
    process.env.REGISTRY_API_BASE = holder.registry.baseUrl;
    process.env.SOCIAL_INSURANCE_API_BASE = holder.socialInsurance.baseUrl;
    process.env.EXTERNAL_TIMEOUT_MS = '1000';
  });
  afterAll(async () => {
    await holder.bank?.stop();
    await holder.registry?.stop();
    await holder.socialInsurance?.stop();
  });
  return holder;
}
