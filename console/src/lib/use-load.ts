/** One read a page shows, with its loading and error states and a way to read it again. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from './api';

export type Load<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

export function useLoad<T>(read: () => Promise<T>, deps: readonly unknown[]): [Load<T>, () => void] {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const latest = useRef(0);
  const run = useCallback(() => {
    // an answer to an earlier read (the filter changed meanwhile) never overwrites a later one
    const ticket = ++latest.current;
    setState({ status: 'loading' });
    read().then(
      (data) => ticket === latest.current && setState({ status: 'ready', data }),
      (failure: unknown) => ticket === latest.current && setState({ status: 'error', message: messageOf(failure) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return [state, run];
}
