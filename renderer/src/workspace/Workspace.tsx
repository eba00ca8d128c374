import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';

/** Where this desk's panel sizes are kept: the browser profile of the desk, so each desk has its own. */
const LAYOUT_KEY_PREFIX = 'beacon.layout';

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};

/**
 * The console's panels: the map beside a column of the work in hand (forms and the selected
 * incident), the incident queue and the units. The dispatcher sizes them by dragging or with the
 * arrow keys on a divider; this desk keeps the sizes between sessions.
 */
export function Workspace({ map, work, queue, units }: { map: ReactNode; work: ReactNode; queue: ReactNode; units: ReactNode }) {
  const main = useDefaultLayout({ id: `${LAYOUT_KEY_PREFIX}.main`, storage: storage() });
  const side = useDefaultLayout({ id: `${LAYOUT_KEY_PREFIX}.side`, storage: storage() });
  return (
    <Group className="workspace" orientation="horizontal" id="workspace-main" defaultLayout={main.defaultLayout} onLayoutChanged={main.onLayoutChanged}>
      <Panel id="map" className="map-column" defaultSize="60%" minSize="25%">
        {map}
      </Panel>
      <Separator className="divider vertical" aria-label="Resize the map and the side column" />
      <Panel id="side" className="side-column" defaultSize="40%" minSize="360px">
        <Group orientation="vertical" id="workspace-side" defaultLayout={side.defaultLayout} onLayoutChanged={side.onLayoutChanged}>
          <Panel id="work" className="side-pane work-pane" defaultSize="42%" minSize="15%">
            {work}
          </Panel>
          <Separator className="divider horizontal" aria-label="Resize the incident and the queue" />
          <Panel id="queue" className="side-pane queue-pane" defaultSize="28%" minSize="12%">
            {queue}
          </Panel>
          <Separator className="divider horizontal" aria-label="Resize the queue and the units" />
          <Panel id="units" className="side-pane units-pane" defaultSize="30%" minSize="12%">
            {units}
          </Panel>
        </Group>
      </Panel>
    </Group>
  );
}
