/**
 * The bank and property-registry simulators for one test file, in this process, so a test can
 * switch the bank's behaviour without touching other files. Call before the first handler call:
 * handlers read their configuration once.
 */
import { startBankSimulator, type BankSimulator } from '../functions/src/dev/bank-simulator';
import { startRegistrySimulator, type RegistrySimulator } from '../functions/src/dev/registry-simulator';
import { demoHomeOwners } from '../functions/src/dev/demo-members';

export function useExternalSimulators(): { bank: BankSimulator; registry: RegistrySimulator } {
  const holder = {} as { bank: BankSimulator; registry: RegistrySimulator };
  beforeAll(async () => {
    holder.bank = await startBankSimulator({ hangMs: 3_000 });
    holder.registry = await startRegistrySimulator({ owners: demoHomeOwners(new Date()) });
    process.env.BANK_API_BASE = holder.bank.baseUrl;
    process.env.REGISTRY_API_BASE = holder.registry.baseUrl;
    process.env.EXTERNAL_TIMEOUT_MS = '1000';
  });
  afterAll(async () => {
    await holder.bank?.stop();
    await holder.registry?.stop();
  });
  return holder;
}
