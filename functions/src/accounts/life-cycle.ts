/** 封存 / 启封 / 销户: one decision rule in shared, one conditional write with its audit record. */
import {
  chinaDate,
  checkRates,
  COUNTER_ACCOUNT_SERVICES,
  counterService,
  DomainError,
  lifeCycleTransition,
  routes,
  toStaffAccountView,
  type AccountChangeRequest,
  type LifeCycleAction,
} from '@hpf/shared';
import { changeStatus } from '../adapters/account-admin-repository';
import { getAccount } from '../adapters/accounts-repository';
import { counterServiceItem } from '../adapters/ratings-repository';
import { counterServiceId } from '../platform/ids';
import { config } from '../platform/config';
import { httpRoute, type RouteContext } from '../platform/http';

type ChangeRoute = typeof routes.sealAccount | typeof routes.unsealAccount | typeof routes.closeAccount;

const ATTEMPTS = 5;

function lifeCycleHandler(action: LifeCycleAction) {
  return async ({ params, body, session, requestId, now }: RouteContext<ChangeRoute>) => {
    const { tableName, policy } = config();
    // only unsealing (at a new employer) may change the employer, base and rates
    const newTerms: Partial<AccountChangeRequest> = action === 'unseal' ? body : {};
    if (newTerms.unitRateBasisPoints !== undefined || newTerms.personalRateBasisPoints !== undefined) {
      const current = await getAccount(tableName, params.accountNo);
      checkRates(
        newTerms.unitRateBasisPoints ?? current?.unitRateBasisPoints ?? 0,
        newTerms.personalRateBasisPoints ?? current?.personalRateBasisPoints ?? 0,
        policy,
      );
    }
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const account = await getAccount(tableName, params.accountNo, { consistent: true });
      if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
      const decision = lifeCycleTransition(account, action);
      if (!decision.ok) throw new DomainError(decision.code);
      const set = {
        employer: newTerms.employer,
        depositBaseFen: newTerms.depositBaseFen,
        unitRateBasisPoints: newTerms.unitRateBasisPoints,
        personalRateBasisPoints: newTerms.personalRateBasisPoints,
        // why and when it was sealed decide what the member is advised (memberAdvice)
        ...(action === 'seal' ? { sealReason: body.sealReason, sealedOn: chinaDate(now) } : {}),
      };
      const remove = action === 'unseal' ? (['sealReason', 'sealedOn'] as const) : [];
      const written = await changeStatus(
        tableName,
        account.accountNo,
        { from: account.status, to: decision.status, requireZeroBalance: action === 'close', set, remove },
        {
          actor: session.subject,
          action: `account.${action}`,
          target: account.accountNo,
          accountNo: account.accountNo,
          requestId,
          details: { reason: body.reason, ...(action === 'seal' && body.sealReason ? { sealReason: body.sealReason } : {}) },
        },
        now,
        // the member may rate what the counter did for them (好差评), asked once in 消息
        [counterServiceItem(counterService(COUNTER_ACCOUNT_SERVICES[action], account.accountNo, session.reader?.label ?? '本中心 柜台', now, counterServiceId(), chinaDate(now)))],
      );
      if (written) {
        const updated: typeof account = { ...account, status: decision.status };
        for (const field of remove) delete updated[field];
        for (const [field, value] of Object.entries(set)) if (value !== undefined) Object.assign(updated, { [field]: value });
        return toStaffAccountView(updated);
      }
    }
    throw new DomainError('BUSY_RETRY');
  };
}

export const seal = httpRoute(routes.sealAccount, lifeCycleHandler('seal'));
export const unseal = httpRoute(routes.unsealAccount, lifeCycleHandler('unseal'));
export const close = httpRoute(routes.closeAccount, lifeCycleHandler('close'));
