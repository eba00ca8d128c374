import { type ReactNode, useLayoutEffect } from 'react';
import { applyTheme } from './theme/tokens.js';
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
import { BrokerLossBanner } from './status/BrokerLossBanner.js';
import { StatusBar } from './status/StatusBar.js';
import { useConsole, useConsoleStore } from './store/store.js';
import { UnitCard } from './units/UnitCard.js';
import { AlarmBanner } from './safety/AlarmBanner.js';
import { openAlarms } from './safety/alarmModel.js';
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
import { PANEL_LABELS, type PanelName, panelOfWindow, TEAR_OFF_KEYS } from './workspace/tearOff.js';
import { useDeskChannel, usePanelWindow, useSharedSelection, useTearOff } from './workspace/useDesk.js';
import { GoToPlace } from './places/GoToPlace.js';
import { MajorWorkspace } from './major/MajorWorkspace.js';
import { IntegrityPanel } from './integrity/IntegrityPanel.js';
import { MajorSceneLayer } from './major/MajorSceneLayer.js';
import { ReviewReminders } from './major/ReviewReminders.js';
import { RoutesLayer } from './map/RoutesLayer.js';
import { MapDataSettings } from './places/MapDataSettings.js';
import { CamerasLayer } from './cctv/CamerasLayer.js';
import { CctvWorkspace } from './cctv/CctvWorkspace.js';
import { SessionOverlays, useConsoleCovered } from './session/SessionScreens.js';
import { useSessionControl } from './session/SessionContext.js';
import { useSessionKeys } from './session/sessionKeys.js';
import { useIdleLock } from './session/useIdleLock.js';
import { SupervisorViews } from './operators/SupervisorViews.js';

/** This window's panel when torn off (`?panel=`), read once: a window never changes what it is. */
const WINDOW_PANEL = typeof window === 'undefined' ? null : panelOfWindow(window.location.search);

export function App({ panel = WINDOW_PANEL }: { panel?: PanelName | null }) {
  const store = useConsoleStore();
  const theme = useConsole((s) => s.theme);
  const picking = useConsole((s) => s.pickingLocation);
  const desk = useDeskChannel();
  const session = useSessionControl();
  const covered = useConsoleCovered(panel);
  useShortcuts(store);
  useSessionKeys(store, session);
  useIdleLock(store, session);
  useSharedSelection(store, desk);
  // Before the browser paints, so a theme change never shows one frame in the other's colours.
  useLayoutEffect(() => applyTheme(theme), [theme]);

  return (
    <SafetyProvider>
      <div className={`console${picking ? ' picking' : ''}`}>
        {/* Kept mounted under the session screens, out of reach: a lock or a hand-over loses nothing on it. */}
        <div className="console-content" inert={covered}>
          {panel ? <PanelWindow panel={panel} desk={desk} /> : <DeskWindow desk={desk} />}
        </div>
        <SessionOverlays panel={panel} />
      </div>
    </SafetyProvider>
  );
}

type Desk = ReturnType<typeof useDeskChannel>;

/** The desk's main window: every panel not torn off, the alarms, the broker banner, the status bar. */
function DeskWindow({ desk }: { desk: Desk }) {
  const store = useConsoleStore();
  const windows = useTearOff(store, desk);
  useNewWorkAlerts(store);
  const layout = useConsole((s) => s.layout);
  // Each panel fails on its own: a record one panel cannot draw must not take the map or the alarms with it.
  return (
    <>
      <div className="banners">
        {/* Alarms stay here even when also torn off: an emergency must not depend on a second monitor being on. */}
        <ErrorBoundary panel="alarm banner">
          <AlarmBanner />
        </ErrorBoundary>
        <ErrorBoundary panel="broker banner">
          <BrokerLossBanner />
        </ErrorBoundary>
        <ErrorBoundary panel="review reminders">
          <ReviewReminders />
        </ErrorBoundary>
      </div>
      <main className="workspace-frame">
        {layout === 'major' ? (
          // The coordinator's layout: the scene, the major incident, and (on a wide desk) routine work beside it.
          <div className="workspace layout-major">
            <div className="map-column">
              <MapPanel />
            </div>
            <ErrorBoundary panel="major incident">
              <MajorWorkspace />
            </ErrorBoundary>
            <div className="side-column">
              <div className="side-pane">
                <QueuePanel />
              </div>
              <div className="side-pane">
                <UnitsPanel />
              </div>
            </div>
          </div>
        ) : (
          <Workspace map={<MapPanel />} work={{ forms: <WorkForms />, view: <IncidentPanel /> }} queue={<QueuePanel />} units={<UnitsPanel />} windows={windows} />
        )}
      </main>
      <ErrorBoundary panel="status bar">
        <StatusBar />
      </ErrorBoundary>
      <ErrorBoundary panel="supervisor view">
        <SupervisorViews />
      </ErrorBoundary>
      <ShortcutSheet />
    </>
  );
}

/** A panel torn off into a window of its own, on another monitor. */
function PanelWindow({ panel, desk }: { panel: PanelName; desk: Desk }) {
  usePanelWindow(panel, desk);
  const content: Record<PanelName, ReactNode> = {
    map: <MapPanel />,
    queue: <QueuePanel />,
    incident: (
      <>
        <WorkForms />
        <IncidentPanel />
      </>
    ),
    units: <UnitsPanel />,
    alarms: <AlarmsPanel />,
  };
  return (
    <>
      <header className="panel-window-head">
        <strong>{PANEL_LABELS[panel]}</strong>
        <button type="button" onClick={() => window.close()}>
          Put back in the main window <kbd>Alt+Shift+{TEAR_OFF_KEYS[panel].key}</kbd>
        </button>
      </header>
      <main className={`panel-window panel-window-${panel}`} data-panel={panel}>
        {content[panel]}
      </main>
      <ShortcutSheet />
    </>
  );
}

function AlarmsPanel() {
  const open = useConsole((s) => openAlarms(s.alarms).length);
  return (
    <ErrorBoundary panel="alarm list">
      <AlarmBanner silent />
      {open === 0 && <p className="empty">No open alarm.</p>}
      <p className="hint">Alarms also show, with their sound, in the desk’s main window.</p>
    </ErrorBoundary>
  );
}

function MapPanel() {
  const picking = useConsole((s) => s.pickingLocation);
  const layout = useConsole((s) => s.layout);
  const integrity = useConsole((s) => s.integrityOpen);
  const cordon = useConsole((s) => s.sceneDraft?.kind);
  return (
    <>
      <ErrorBoundary panel="map">
        <MapView>
          <SectorsLayer />
          <CamerasLayer />
          <IncidentsLayer />
          <TrackLayer />
          <RoutesLayer />
          <UnitsLayer />
          <AlarmLayer />
          {layout === 'major' && <MajorSceneLayer />}
          <MapInteractions />
        </MapView>
      </ErrorBoundary>
      <ErrorBoundary panel="place search">
        <GoToPlace />
      </ErrorBoundary>
      <ErrorBoundary panel="map data">
        <MapDataSettings />
      </ErrorBoundary>
      {picking && <div className="pick-hint">{cordon ? `Click the corners of the ${cordon.replace('-', ' ')} · Enter to finish · Esc to cancel` : 'Click the map to place the incident · Esc to stop'}</div>}
      <ErrorBoundary panel="unit card">
        <UnitCard />
      </ErrorBoundary>
      <ErrorBoundary panel="CCTV">
        <CctvWorkspace />
      </ErrorBoundary>
      {integrity && (
        <ErrorBoundary panel="journal integrity">
          <IntegrityPanel />
        </ErrorBoundary>
      )}
      <Notice />
    </>
  );
}

/** The forms of the call or action in hand. */
function WorkForms() {
  const mode = useConsole((s) => s.mode);
  return (
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
    </>
  );
}

function IncidentPanel() {
  const mode = useConsole((s) => s.mode);
  const selectedIncident = useConsole((s) => !!s.selectedIncidentId && !!s.incidents[s.selectedIncidentId]);
  return (
    <>
      {mode !== 'new-incident' && (
        <ErrorBoundary panel="incident view">
          <IncidentView />
        </ErrorBoundary>
      )}
      {mode === 'idle' && !selectedIncident && <p className="empty">Select an incident in the queue (Q, ↑ ↓) or press N for a new one.</p>}
    </>
  );
}

function QueuePanel() {
  return (
    <ErrorBoundary panel="incident queue">
      <IncidentQueue />
    </ErrorBoundary>
  );
}

function UnitsPanel() {
  return (
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
  );
}
