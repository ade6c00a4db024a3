import Taro from '@tarojs/taro';

interface Expiring {
  token: string;
  expiresAt: string;
}

/** A signed-in session kept in Taro storage under one key; an expired one reads as none. */
export function storedSession<S extends Expiring>(storageKey: string) {
  return {
    load(now: number = Date.now()): S | undefined {
      let stored: unknown;
      try {
        stored = Taro.getStorageSync(storageKey);
      } catch {
        return undefined;
      }
      if (!stored || typeof stored !== 'object') return undefined;
      const session = stored as S;
      if (typeof session.token !== 'string' || Date.parse(session.expiresAt) <= now) return undefined;
      return session;
    },
    save(session: S): void {
      Taro.setStorageSync(storageKey, session);
    },
    clear(): void {
      try {
        Taro.removeStorageSync(storageKey);
      } catch {
        // nothing stored
      }
    },
  };
}
