import { useEffect } from 'react';
import { UnitBoard } from './board/UnitBoard.js';
import { AllocateDialog } from './incidents/AllocateDialog.js';
import { IncidentQueue } from './incidents/IncidentQueue.js';
import { NewIncidentForm } from './incidents/NewIncidentForm.js';
import { useShortcuts } from './keyboard/shortcuts.js';
import { IncidentsLayer } from './map/IncidentsLayer.js';
import { MapInteractions } from './map/MapInteractions.js';
import { MapView } from './map/MapView.js';
import { SectorsLayer } from './map/SectorsLayer.js';
import { UnitsLayer } from './map/UnitsLayer.js';
import { ErrorBoundary } from './status/ErrorBoundary.js';
import { Notice } from './status/Notice.js';
import { StatusBar } from './status/StatusBar.js';
import { useConsole, useConsoleStore } from './store/store.js';
import { UnitCard } from './units/UnitCard.js';
import { AlarmBanner } from './safety/AlarmBanner.js';
import { AlarmLayer } from './safety/AlarmLayer.js';
import { EvidenceList } from './safety/EvidenceList.js';
import { ReplayPanel } from './safety/ReplayPanel.js';
import { SafetyProvider } from './safety/safetyState.js';
import { TrackLayer } from './safety/TrackLayer.js';
import { EscalationAlerts, IncidentDispatchCard } from './dispatch/IncidentDispatchCard.js';
import { GoToPlace } from './places/GoToPlace.js';
import { CamerasLayer } from './cctv/CamerasLayer.js';
import { CctvWorkspace } from './cctv/CctvWorkspace.js';

export function App() {
  const store = useConsoleStore();
  const theme = useConsole((s) => s.theme);
  const mode = useConsole((s) => s.mode);
  const picking = useConsole((s) => s.pickingLocation);
  useShortcuts(store);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Each panel fails on its own: a record one panel cannot draw must not take the map or the alarms with it.
  return (
    <SafetyProvider>
      <div className={`console${picking ? ' picking' : ''}`}>
        <ErrorBoundary panel="alarm banner">
          <AlarmBanner />
        </ErrorBoundary>
        <main className="workspace">
          <div className="map-column">
            <ErrorBoundary panel="map">
              <MapView>
                <SectorsLayer />
                <CamerasLayer />
                <IncidentsLayer />
                <TrackLayer />
                <UnitsLayer />
                <AlarmLayer />
                <MapInteractions />
              </MapView>
            </ErrorBoundary>
            <ErrorBoundary panel="place search">
              <GoToPlace />
            </ErrorBoundary>
            {picking && <div className="pick-hint">Click the map to place the incident · Esc to stop</div>}
            <ErrorBoundary panel="unit card">
              <UnitCard />
            </ErrorBoundary>
            <ErrorBoundary panel="CCTV">
              <CctvWorkspace />
            </ErrorBoundary>
            <Notice />
          </div>
          <div className="side-column">
            {mode === 'new-incident' && (
              <ErrorBoundary panel="new incident form">
                <NewIncidentForm />
              </ErrorBoundary>
            )}
            <ErrorBoundary panel="unacknowledged assignments">
              <EscalationAlerts />
            </ErrorBoundary>
            {mode === 'allocate' && (
              <ErrorBoundary panel="allocation list">
                <AllocateDialog />
              </ErrorBoundary>
            )}
            {mode === 'idle' && (
              <ErrorBoundary panel="incident card">
                <IncidentDispatchCard />
              </ErrorBoundary>
            )}
            <ErrorBoundary panel="incident queue">
              <IncidentQueue />
            </ErrorBoundary>
            <ErrorBoundary panel="evidence list">
              <EvidenceList />
            </ErrorBoundary>
            <ErrorBoundary panel="unit board">
              <UnitBoard />
            </ErrorBoundary>
            <ErrorBoundary panel="replay panel">
              <ReplayPanel />
            </ErrorBoundary>
          </div>
        </main>
        <ErrorBoundary panel="status bar">
          <StatusBar />
        </ErrorBoundary>
      </div>
    </SafetyProvider>
  );
}
