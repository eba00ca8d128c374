import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { PANEL_LABELS, type PanelName, TEAR_OFF_KEYS } from './tearOff.js';

/** Where this desk's panel sizes are kept: the browser profile of the desk, so each desk has its own. */
const LAYOUT_KEY_PREFIX = 'beacon.layout';

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};

export interface TornOffSlots {
  tornOff: readonly PanelName[];
  putBack(panel: PanelName): void;
  reopen(panel: PanelName): void;
}

/**
 * The console's panels: the map beside a column of the work in hand (forms and the selected
 * incident), the incident queue and the units. The dispatcher sizes them by dragging or with the
 * arrow keys on a divider; this desk keeps the sizes between sessions. A panel torn off into its
 * own window leaves a line in its place saying where it went.
 */
export function Workspace({
  map,
  work,
  queue,
  units,
  windows,
}: {
  map: ReactNode;
  /** The forms of the call in hand stay with the keyboard that opened them, even with the incident torn off. */
  work: { forms: ReactNode; view: ReactNode };
  queue: ReactNode;
  units: ReactNode;
  windows?: TornOffSlots;
}) {
  const main = useDefaultLayout({ id: `${LAYOUT_KEY_PREFIX}.main`, storage: storage() });
  const side = useDefaultLayout({ id: `${LAYOUT_KEY_PREFIX}.side`, storage: storage() });
  const slot = (panel: PanelName, content: ReactNode, keepWhenTornOff?: ReactNode) =>
    windows?.tornOff.includes(panel) ? (
      <>
        <TornOffLine panel={panel} windows={windows} />
        {keepWhenTornOff}
      </>
    ) : (
      content
    );
  return (
    <Group className="workspace" orientation="horizontal" id="workspace-main" defaultLayout={main.defaultLayout} onLayoutChanged={main.onLayoutChanged}>
      <Panel id="map" className="map-column" defaultSize="60%" minSize="25%">
        {slot('map', map)}
      </Panel>
      <Separator className="divider vertical" aria-label="Resize the map and the side column" />
      <Panel id="side" className="side-column" defaultSize="40%" minSize="360px">
        <Group orientation="vertical" id="workspace-side" defaultLayout={side.defaultLayout} onLayoutChanged={side.onLayoutChanged}>
          <Panel id="work" className="side-pane work-pane" defaultSize="42%" minSize="15%">
            {slot(
              'incident',
              <>
                {work.forms}
                {work.view}
              </>,
              work.forms,
            )}
          </Panel>
          <Separator className="divider horizontal" aria-label="Resize the incident and the queue" />
          <Panel id="queue" className="side-pane queue-pane" defaultSize="28%" minSize="12%">
            {slot('queue', queue)}
          </Panel>
          <Separator className="divider horizontal" aria-label="Resize the queue and the units" />
          <Panel id="units" className="side-pane units-pane" defaultSize="30%" minSize="12%">
            {slot('units', units)}
          </Panel>
        </Group>
      </Panel>
    </Group>
  );
}

function TornOffLine({ panel, windows }: { panel: PanelName; windows: TornOffSlots }) {
  return (
    <p className="torn-off" data-torn-off={panel}>
      {PANEL_LABELS[panel]} is in its own window.{' '}
      <button type="button" onClick={() => windows.reopen(panel)}>
        Show its window
      </button>{' '}
      <button type="button" onClick={() => windows.putBack(panel)}>
        Put back here <kbd>Alt+Shift+{TEAR_OFF_KEYS[panel].key}</kbd>
      </button>
    </p>
  );
}
