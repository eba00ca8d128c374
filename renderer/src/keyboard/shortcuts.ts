import { useEffect } from 'react';
import { isOpen } from '../../../shared/domain/lifecycle.js';
import type { ConsoleStore } from '../store/store.js';
import { focusHome } from './focus.js';

/** Shown in the UI (help strip) so every shortcut is discoverable. */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'N', action: 'New incident' },
  { keys: 'A', action: 'Allocate unit' },
  { keys: '/', action: 'Search units' },
  { keys: 'G', action: 'Go to a place' },
  { keys: 'Q', action: 'Incident queue' },
  { keys: 'U', action: 'Unit board' },
  { keys: 'M', action: 'Major incident layout / back' },
  { keys: 'I', action: 'Journal integrity' },
  { keys: '↑ ↓', action: 'Move in lists' },
  { keys: 'Alt+M', action: 'Pick location on map' },
  { keys: 'T', action: 'Light / dark' },
  { keys: 'H', action: 'Health view' },
  { keys: 'Esc', action: 'Cancel' },
];

const isTyping = (t: EventTarget | null) =>
  typeof HTMLElement !== 'undefined' &&
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function handleShortcut(e: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'metaKey' | 'altKey' | 'defaultPrevented'>, store: ConsoleStore): boolean {
  if (e.defaultPrevented) return false;
  const s = store.getState();
  // Alt+M works while typing in the new-incident form: the next map click sets the location.
  if (e.altKey && e.key.toLowerCase() === 'm' && s.mode === 'new-incident') {
    s.setPickingLocation(true);
    return true;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.key === 'Escape') {
    if (s.pickingLocation) s.setPickingLocation(false);
    else if (s.integrityOpen) s.toggleIntegrity();
    else if (s.mode !== 'idle') s.setMode('idle');
    else if (s.selectedUnitId) s.selectUnit(null);
    else return false;
    return true;
  }
  if (isTyping(e.target)) return false;
  switch (e.key.toLowerCase()) {
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
    case 'g':
      document.getElementById('go-to-place')?.focus();
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
    case 'i':
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
