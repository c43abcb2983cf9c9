// Loading one API resource for a view: the data, or the error, for the current arguments. A
// response that arrives after the arguments changed is dropped.

import { useEffect, useState } from 'preact/hooks';

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let current = true;
    setState({ data: null, error: null });
    load().then(
      (data) => current && setState({ data, error: null }),
      (e: Error) => current && setState({ data: null, error: e.message }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return state;
}

/** What a view shows until its data is there: the error, or that it is loading. */
export function Pending({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" class="error">
      {error}
    </p>
  ) : (
    <p class="muted">Loading…</p>
  );
}
