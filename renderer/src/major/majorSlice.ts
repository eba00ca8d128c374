import type { StateCreator } from 'zustand';
import type { LatLon } from '../../../shared/domain/incidents.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { type ConsoleState, mergeById } from '../store/slices.js';

/**
 * Major incidents as every desk sees them, kept current by the live stream: the coordinator's
 * layout and the review reminders read the same record.
 */
export interface MajorSlice {
  /** By id, with no prototype: ids come from the host. */
  majors: Record<string, MajorIncidentView>;
  /** The major incident the coordinator's layout shows; null: the newest open one. */
  chosenMajor: string | null;
  /** Every major incident (replace) or those that changed. */
  setMajors(list: readonly MajorIncidentView[], replace: boolean): void;
  chooseMajor(id: string | null): void;
  /** A cordon being drawn corner by corner, shown on the map until finished or cancelled. */
  sceneDraft: SceneDraft | null;
  setSceneDraft(d: SceneDraft | null): void;
}

export interface SceneDraft {
  kind: 'inner-cordon' | 'outer-cordon';
  points: LatLon[];
}

export const createMajorSlice: StateCreator<ConsoleState, [], [], MajorSlice> = (set, get) => ({
  majors: Object.create(null) as Record<string, MajorIncidentView>,
  chosenMajor: null,
  setMajors: (list, replace) => set({ majors: mergeById(get().majors, list, replace) }),
  chooseMajor: (chosenMajor) => set({ chosenMajor }),
  sceneDraft: null,
  setSceneDraft: (sceneDraft) => set({ sceneDraft }),
});

/** Newest first: the one just declared is the one a coordinator is working. */
export const majorList = (majors: Record<string, MajorIncidentView>): MajorIncidentView[] => Object.values(majors).sort((a, b) => b.declaredAt - a.declaredAt);
