import { createContext, createElement, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  type ConsoleState,
  createAlarmsSlice,
  createConnectionSlice,
  createIncidentsSlice,
  createUiSlice,
  createUnitsSlice,
} from './slices.js';
import { createCctvSlice } from '../cctv/cctvSlice.js';
import { createSessionSlice } from '../session/sessionSlice.js';
import { createMajorSlice } from '../major/majorSlice.js';

export type ConsoleStore = StoreApi<ConsoleState>;

/** One store made of slices; a factory rather than a module singleton so tests get a fresh one. */
export function createConsoleStore(): ConsoleStore {
  return createStore<ConsoleState>()((...a) => ({
    ...createUnitsSlice(...a),
    ...createIncidentsSlice(...a),
    ...createAlarmsSlice(...a),
    ...createConnectionSlice(...a),
    ...createUiSlice(...a),
    ...createCctvSlice(...a),
    ...createSessionSlice(...a),
    ...createMajorSlice(...a),
  }));
}

const StoreContext = createContext<ConsoleStore | null>(null);

export function StoreProvider({ store, children }: { store: ConsoleStore; children: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

export function useConsoleStore(): ConsoleStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useConsole outside <StoreProvider>');
  return store;
}

/** Select narrowly: a component re-renders only when what it selects changes. */
export function useConsole<T>(selector: (s: ConsoleState) => T): T {
  return useStore(useConsoleStore(), selector);
}

/**
 * Like useConsole, but re-renders at most once per `ms`: for views of fast-changing data (every unit,
 * every 100 ms) that a person reads no faster than that. The first change after a quiet spell
 * shows at once; later ones are coalesced.
 */
export function useConsoleThrottled<T>(selector: (s: ConsoleState) => T, ms: number): T {
  const store = useConsoleStore();
  const selectorRef = useRef(selector);
  selectorRef.current = selector;
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const flush = () => {
      timer = null;
      last = Date.now();
      setValue(() => selectorRef.current(store.getState()));
    };
    flush();
    const unsubscribe = store.subscribe((s, prev) => {
      if (timer || selectorRef.current(s) === selectorRef.current(prev)) return;
      timer = setTimeout(flush, Math.max(0, ms - (Date.now() - last)));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, ms]);
  return value;
}
