import { useEffect, useState } from 'react';
import { useConsole } from './store/store.js';

/** The host's clock, ticking every `ms`: ages shown in the console count from the host's time. */
export function useNow(ms = 1000): number {
  const skew = useConsole((s) => s.clockSkewMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now + skew;
}
