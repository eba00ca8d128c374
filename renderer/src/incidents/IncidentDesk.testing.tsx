import { useShortcuts } from '../keyboard/shortcuts.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { ShortcutSheet } from '../keyboard/ShortcutSheet.js';
import { AllocateDialog } from './AllocateDialog.js';
import { IncidentActionForm } from './IncidentActionForm.js';
import { IncidentView } from './IncidentView.js';
import { IncidentQueue } from './IncidentQueue.js';
import { NewIncidentForm } from './NewIncidentForm.js';

// Component tests only: the side column of App without the map, wired to the real shortcuts,
// so N / A / Esc are driven exactly as the dispatcher presses them.
export function IncidentDesk() {
  const store = useConsoleStore();
  const mode = useConsole((s) => s.mode);
  useShortcuts(store);
  return (
    <>
      {mode === 'new-incident' && <NewIncidentForm />}
      {mode === 'allocate' && <AllocateDialog />}
      {mode === 'incident-action' && <IncidentActionForm />}
      {mode !== 'new-incident' && <IncidentView />}
      <IncidentQueue />
      <ShortcutSheet />
    </>
  );
}
