import { createContext, createElement, type ReactNode, useContext, useState } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Fix } from '../../../shared/domain/units.js';
import type { ReplayFrame } from '../../../shared/safety/tracks.js';

/** What the safety tools show: one unit's breadcrumbs, and a moment being replayed. */
export interface SafetyState {
  track: { unitId: string; callsign: string; points: Fix[] } | null;
  replay: { at: number; frame: ReplayFrame | null } | null;
  setTrack(t: SafetyState['track']): void;
  setReplay(r: SafetyState['replay']): void;
}

export type SafetyStore = StoreApi<SafetyState>;

const createSafetyStore = (): SafetyStore =>
  createStore<SafetyState>()((set) => ({
    track: null,
    replay: null,
    setTrack: (track) => set({ track }),
    setReplay: (replay) => set({ replay }),
  }));

const Ctx = createContext<SafetyStore | null>(null);

export function SafetyProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createSafetyStore);
  return createElement(Ctx.Provider, { value: store }, children);
}

export function useSafetyStore(): SafetyStore {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSafety outside <SafetyProvider>');
  return s;
}

export function useSafety<T>(selector: (s: SafetyState) => T): T {
  return useStore(useSafetyStore(), selector);
}
