import { useEffect } from 'react';
import type { OperationName } from '../../../shared/contract.js';
import { activeAllocations } from '../../../shared/domain/incidents.js';
import { checkTransition, isOpen } from '../../../shared/domain/lifecycle.js';
import { QUEUE_SEARCH_ID } from '../queue/QueueFilters.js';
import { ALARM_SHORTCUTS } from '../safety/AlarmBanner.js';
import { REVIEW_SHORTCUT } from '../major/ReviewReminders.js';
import { TEAR_OFF_SHORTCUTS } from '../workspace/tearOff.js';
import { SESSION_SHORTCUTS } from '../session/sessionKeys.js';
import { refusal } from '../session/can.js';
import type { IncidentActionKind } from '../store/slices.js';
import type { ConsoleStore } from '../store/store.js';
import { focusHome } from './focus.js';

export interface Shortcut {
  keys: string;
  action: string;
  /** The operation the key ends in: where the operator's roles do not allow it, the key says so and does nothing. */
  needs?: OperationName;
}

/** The few shown in the status bar at all times; `?` opens the sheet with every one. */
export const SHORTCUTS: Shortcut[] = [
  // First, so a narrow status bar that cuts the rest off still shows where they all are.
  { keys: '?', action: 'All shortcuts' },
  { keys: 'N', action: 'New incident', needs: 'createIncident' },
  { keys: 'A', action: 'Allocate unit', needs: 'allocateUnit' },
  { keys: '/', action: 'Search units' },
  { keys: 'I', action: 'Find incidents (closed too)' },
  { keys: 'W', action: 'Go to a place' },
  { keys: 'Q', action: 'Incident queue' },
  { keys: 'U', action: 'Unit board' },
  { keys: 'M', action: 'Major incident layout / back' },
  { keys: 'J', action: 'Journal integrity' },
  { keys: '↑ ↓', action: 'Move in lists' },
  { keys: 'Alt+M', action: 'Pick location on map' },
  { keys: 'T', action: 'Light / dark' },
  { keys: 'H', action: 'Health view' },
  { keys: 'Alt+I', action: 'Map data' },
  { keys: 'Esc', action: 'Cancel' },
];

/** Keys that act on the incident selected in the queue; each asks before it changes anything. */
export const INCIDENT_SHORTCUTS: (Shortcut & { key: string; shift?: boolean; kind: IncidentActionKind | 'allocate'; needs: OperationName })[] = [
  { keys: 'G', key: 'g', kind: 'triaged', action: 'Triage', needs: 'transitionIncident' },
  { keys: 'A', key: 'a', kind: 'allocate', action: 'Allocate an officer', needs: 'allocateUnit' },
  { keys: 'Shift+A', key: 'a', shift: true, kind: 'reassign', action: 'Reassign: replace an allocated officer', needs: 'reassignUnit' },
  { keys: 'D', key: 'd', kind: 'deallocate', action: 'De-allocate an officer', needs: 'deallocateUnit' },
  { keys: 'E', key: 'e', kind: 'en_route', action: 'En route', needs: 'transitionIncident' },
  { keys: 'S', key: 's', kind: 'on_scene', action: 'On scene (arrival recorded)', needs: 'transitionIncident' },
  { keys: 'F', key: 'f', kind: 'resolved', action: 'Finish: resolve with a result', needs: 'transitionIncident' },
  { keys: 'C', key: 'c', kind: 'closed', action: 'Close', needs: 'transitionIncident' },
  { keys: 'X', key: 'x', kind: 'cancelled', action: 'Cancel the incident, with a reason', needs: 'transitionIncident' },
  { keys: 'O', key: 'o', kind: 'reopened', action: 'Reopen', needs: 'transitionIncident' },
  { keys: 'P', key: 'p', kind: 'priority', action: 'Change priority, with a reason', needs: 'amendIncident' },
  { keys: 'K', key: 'k', kind: 'category', action: 'Change category (kind), with a reason', needs: 'amendIncident' },
  { keys: 'L', key: 'l', kind: 'note', action: 'Add a note to the log', needs: 'addIncidentNote' },
];

/** Every shortcut, grouped, for the sheet: nothing the console answers to is left out. */
export const SHORTCUT_SHEET: { group: string; shortcuts: Shortcut[] }[] = [
  { group: 'Console', shortcuts: SHORTCUTS.filter((s) => s.keys !== 'A') },
  { group: 'Selected incident', shortcuts: INCIDENT_SHORTCUTS },
  {
    group: 'Forms',
    shortcuts: [
      { keys: 'Enter', action: 'Create, confirm or allocate' },
      { keys: 'Esc', action: 'Cancel (asks first if a new call has text in it)' },
      { keys: 'Alt+L', action: 'Link the call to the incident it repeats' },
    ],
  },
  {
    group: 'Officer safety and map',
    shortcuts: [...ALARM_SHORTCUTS, REVIEW_SHORTCUT, { keys: 'B', action: 'Show or hide the selected unit’s track' }, { keys: 'R', action: 'Replay: who was where' }],
  },
  { group: 'Windows (other monitors)', shortcuts: TEAR_OFF_SHORTCUTS },
  { group: 'Operator and desk', shortcuts: SESSION_SHORTCUTS },
];

const isTyping = (t: EventTarget | null) =>
  typeof HTMLElement !== 'undefined' &&
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

type KeyEvent = Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'metaKey' | 'altKey' | 'defaultPrevented'> & { shiftKey?: boolean };

/** Opens the action on the selected incident, or says in words why it cannot be done now. */
function incidentAction(store: ConsoleStore, kind: IncidentActionKind): void {
  const s = store.getState();
  const incident = s.selectedIncidentId ? s.incidents[s.selectedIncidentId] : undefined;
  if (!incident) {
    s.notify('Select an incident in the queue first (Q, then ↑ ↓).', 'info');
    return;
  }
  const transition = kind === 'priority' || kind === 'category' || kind === 'note' || kind === 'deallocate' || kind === 'reassign' ? null : kind;
  if (transition) {
    const check = checkTransition(incident.state, transition);
    if (!check.ok) {
      s.notify(`${incident.ref}: ${check.error}`, 'info');
      return;
    }
  }
  if ((kind === 'priority' || kind === 'category') && !isOpen(incident.state)) {
    s.notify(`${incident.ref} is ${incident.state}: reopen it (O) before changing it.`, 'info');
    return;
  }
  if (kind === 'deallocate' || kind === 'reassign') {
    const active = activeAllocations(incident);
    if (active.length === 0 || !isOpen(incident.state)) {
      s.notify(`${incident.ref} has no officer allocated to ${kind === 'reassign' ? 'replace' : 'take off'}.`, 'info');
      return;
    }
    // With one officer there is nothing to choose: straight to the list of who replaces them.
    if (kind === 'reassign' && active.length === 1) {
      s.startReassign(active[0]!.unitId);
      return;
    }
  }
  s.startIncidentAction(kind);
}

export function handleShortcut(e: KeyEvent, store: ConsoleStore): boolean {
  if (e.defaultPrevented) return false;
  const s = store.getState();
  // Alt+M works while typing in the new-incident form: the next map click sets the location.
  if (e.altKey && e.key.toLowerCase() === 'm' && s.mode === 'new-incident') {
    s.setPickingLocation(true);
    return true;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.key === 'Escape') {
    if (s.shortcutSheet) s.setShortcutSheet(false);
    else if (s.pickingLocation) s.setPickingLocation(false);
    else if (s.integrityOpen) s.toggleIntegrity();
    else if (s.mode !== 'idle') s.setMode('idle');
    else if (s.selectedUnitId) s.selectUnit(null);
    else return false;
    return true;
  }
  if (isTyping(e.target)) return false;
  if (e.key === '?') {
    s.setShortcutSheet(!s.shortcutSheet);
    return true;
  }
  // A form or dialog has the keyboard: letters are for it, not for the console.
  if (s.mode !== 'idle') return false;
  const key = e.key.toLowerCase();
  const onIncident = INCIDENT_SHORTCUTS.find((k) => k.key === key && !!k.shift === !!e.shiftKey);
  const shortcut = onIncident ?? SHORTCUTS.find((k) => k.needs && k.keys.toLowerCase() === key && !e.shiftKey);
  // Said instead of opening a form the host would refuse.
  const refused = shortcut?.needs && refusal(s, shortcut.needs, shortcut.action);
  if (refused) {
    s.notify(refused, 'info');
    return true;
  }
  if (onIncident && onIncident.kind !== 'allocate') {
    incidentAction(store, onIncident.kind);
    return true;
  }
  switch (key) {
    case 'n':
      s.setMode('new-incident');
      return true;
    case 'a': {
      const open = Object.values(s.incidents).filter((i) => isOpen(i.state));
      const chosen = s.selectedIncidentId && s.incidents[s.selectedIncidentId] && isOpen(s.incidents[s.selectedIncidentId]!.state)
        ? s.selectedIncidentId
        : open.sort((a, b) => a.priority - b.priority || a.createdAt - b.createdAt).find((i) => i.allocations.length === 0)?.id;
      if (!chosen) {
        s.notify('There is no open incident to allocate: select one in the queue or press N for a new one.', 'info');
        return true;
      }
      s.selectIncident(chosen);
      s.setMode('allocate');
      return true;
    }
    case '/':
      document.getElementById('unit-search')?.focus();
      return true;
    case 'w':
      document.getElementById('go-to-place')?.focus();
      return true;
    case 'i':
      document.getElementById(QUEUE_SEARCH_ID)?.focus();
      return true;
    case 'q':
      focusHome();
      return true;
    case 'u':
      document.getElementById('unit-board')?.focus();
      return true;
    case 't':
      s.toggleTheme();
      return true;
    case 'm':
      s.toggleLayout();
      return true;
    case 'j':
      s.toggleIntegrity();
      return true;
    default:
      return false;
  }
}

export function useShortcuts(store: ConsoleStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleShortcut(e, store)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
