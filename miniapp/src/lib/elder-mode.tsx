import Taro from '@tarojs/taro';
import { createContext, useCallback, useContext, useMemo, useState, type PropsWithChildren } from 'react';
import { initialElderMode, prefersExtraLargeText, type WechatTextInfo } from './text-size';

const STORAGE_KEY = 'hpf.elderMode';

interface ElderMode {
  elder: boolean;
  /** Elder mode and WeChat's text at its largest steps. */
  extraLarge: boolean;
  setElder(on: boolean): void;
}

const ElderModeContext = createContext<ElderMode>({ elder: false, extraLarge: false, setElder: () => {} });

function readWechatTextInfo(): WechatTextInfo {
  // Either API may be missing (older base library, h5); a throw here must not block start-up.
  try {
    const base = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : undefined;
    const factor = (base as { fontSizeScaleFactor?: number } | undefined)?.fontSizeScaleFactor;
    if (typeof factor === 'number') return { fontSizeScaleFactor: factor };
  } catch {
    // fall through to the older API
  }
  try {
    const system = Taro.getSystemInfoSync() as { fontSizeSetting?: number };
    return { fontSizeSetting: system.fontSizeSetting };
  } catch {
    return {};
  }
}

function readStored(): unknown {
  try {
    return Taro.getStorageSync(STORAGE_KEY);
  } catch {
    return undefined;
  }
}

export function ElderModeProvider({ children }: PropsWithChildren) {
  const [textInfo] = useState(readWechatTextInfo);
  const [elder, setElderState] = useState(() => initialElderMode(readStored(), textInfo));

  const setElder = useCallback((on: boolean) => {
    setElderState(on);
    try {
      Taro.setStorageSync(STORAGE_KEY, on ? '1' : '0');
    } catch {
      // storage full or unavailable: the choice still applies until the app closes
    }
  }, []);

  const value = useMemo(
    () => ({ elder, extraLarge: elder && prefersExtraLargeText(textInfo), setElder }),
    [elder, textInfo, setElder],
  );
  return <ElderModeContext.Provider value={value}>{children}</ElderModeContext.Provider>;
}

export function useElderMode(): ElderMode {
  return useContext(ElderModeContext);
}
