import { useLayoutEffect } from 'react';
import { applyTheme } from './theme/tokens.js';
import { UnitBoard } from './board/UnitBoard.js';
import { AllocateDialog } from './incidents/AllocateDialog.js';
import { IncidentQueue } from './incidents/IncidentQueue.js';
import { NewIncidentForm } from './incidents/NewIncidentForm.js';
import { useShortcuts } from './keyboard/shortcuts.js';
import { IncidentsLayer } from './map/IncidentsLayer.js';
import { MapInteractions } from './map/MapInteractions.js';
import { MapView } from './map/MapView.js';
import { RoutesLayer } from './map/RoutesLayer.js';
import { MapDataSettings } from './places/MapDataSettings.js';
import { SectorsLayer } from './map/SectorsLayer.js';
import { UnitsLayer } from './map/UnitsLayer.js';
import { ErrorBoundary } from './status/ErrorBoundary.js';
import { Notice } from './status/Notice.js';
import { BrokerLossBanner } from './status/BrokerLossBanner.js';
import { StatusBar } from './status/StatusBar.js';
import { useConsole, useConsoleStore } from './store/store.js';
import { UnitCard } from './units/UnitCard.js';
import { AlarmBanner } from './safety/AlarmBanner.js';
import { AlarmLayer } from './safety/AlarmLayer.js';
import { EvidenceList } from './safety/EvidenceList.js';
import { ReplayPanel } from './safety/ReplayPanel.js';
import { SafetyProvider } from './safety/safetyState.js';
import { TrackLayer } from './safety/TrackLayer.js';
import { EscalationAlerts } from './dispatch/IncidentDispatchCard.js';
import { IncidentActionForm } from './incidents/IncidentActionForm.js';
import { IncidentView } from './incidents/IncidentView.js';
import { ShortcutSheet } from './keyboard/ShortcutSheet.js';
import { useNewWorkAlerts } from './queue/useNewWorkAlerts.js';
import { Workspace } from './workspace/Workspace.js';
import { GoToPlace } from './places/GoToPlace.js';

export function App() {
  const store = useConsoleStore();
  const theme = useConsole((s) => s.theme);
  const mode = useConsole((s) => s.mode);
  const picking = useConsole((s) => s.pickingLocation);
  const selectedIncident = useConsole((s) => !!s.selectedIncidentId && !!s.incidents[s.selectedIncidentId]);
  useShortcuts(store);
  useNewWorkAlerts(store);
  // Before the browser paints, so a theme change never shows one frame in the other's colours.
  useLayoutEffect(() => applyTheme(theme), [theme]);

  // Each panel fails on its own: a record one panel cannot draw must not take the map or the alarms with it.
  return (
    <SafetyProvider>
      <div className={`console${picking ? ' picking' : ''}`}>
        <div className="banners">
          <ErrorBoundary panel="alarm banner">
            <AlarmBanner />
          </ErrorBoundary>
          <ErrorBoundary panel="broker banner">
            <BrokerLossBanner />
          </ErrorBoundary>
        </div>
        <main className="workspace-frame">
          <Workspace
            map={
              <>
                <ErrorBoundary panel="map">
                  <MapView>
                    <SectorsLayer />
                    <IncidentsLayer />
                    <TrackLayer />
                    <RoutesLayer />
                    <UnitsLayer />
                    <AlarmLayer />
                    <MapInteractions />
                  </MapView>
                </ErrorBoundary>
                <ErrorBoundary panel="place search">
                  <GoToPlace />
                </ErrorBoundary>
                <ErrorBoundary panel="map data">
                  <MapDataSettings />
                </ErrorBoundary>
                {picking && <div className="pick-hint">Click the map to place the incident · Esc to stop</div>}
                <ErrorBoundary panel="unit card">
                  <UnitCard />
                </ErrorBoundary>
                <Notice />
              </>
            }
            work={
              <>
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
                {mode === 'incident-action' && (
                  <ErrorBoundary panel="incident action">
                    <IncidentActionForm />
                  </ErrorBoundary>
                )}
                {mode !== 'new-incident' && (
                  <ErrorBoundary panel="incident view">
                    <IncidentView />
                  </ErrorBoundary>
                )}
                {mode === 'idle' && !selectedIncident && <p className="empty">Select an incident in the queue (Q, ↑ ↓) or press N for a new one.</p>}
              </>
            }
            queue={
              <ErrorBoundary panel="incident queue">
                <IncidentQueue />
              </ErrorBoundary>
            }
            units={
              <>
                <ErrorBoundary panel="evidence list">
                  <EvidenceList />
                </ErrorBoundary>
                <ErrorBoundary panel="unit board">
                  <UnitBoard />
                </ErrorBoundary>
                <ErrorBoundary panel="replay panel">
                  <ReplayPanel />
                </ErrorBoundary>
              </>
            }
          />
        </main>
        <ErrorBoundary panel="status bar">
          <StatusBar />
        </ErrorBoundary>
        <ShortcutSheet />
      </div>
    </SafetyProvider>
  );
}
