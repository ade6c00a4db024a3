import { useCallback, useEffect, useRef, useState } from 'react';
import { followAuthError } from './navigation';

export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: unknown };

/** Loads once on mount; `reload` retries. Sign-in and binding errors navigate away instead. */
export function useLoader<T>(load: () => Promise<T>): [LoadState<T>, () => Promise<void>] {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    try {
      setState({ status: 'ready', data: await loadRef.current() });
    } catch (error) {
      if (!followAuthError(error)) setState({ status: 'error', error });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return [state, reload];
}
