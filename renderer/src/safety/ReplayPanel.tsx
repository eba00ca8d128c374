import { useEffect, useRef, useState } from 'react';
import { useHost } from '../host/HostContext.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { formatClock } from './alarmModel.js';
import { useSafety, useSafetyStore } from './safetyState.js';
import { refusal, useCan } from '../session/can.js';

const SPAN_MS = 2 * 3600_000;
const TRACK_MS = 30 * 60_000;

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/**
 * Tracks and replay: the selected unit's last half hour of breadcrumbs, and a time slider that
 * rebuilds from the journal where every unit was at any moment of the last two hours.
 */
export function ReplayPanel() {
  const host = useHost();
  const store = useConsoleStore();
  const safety = useSafetyStore();
  const track = useSafety((s) => s.track);
  const replay = useSafety((s) => s.replay);
  const selectedId = useConsole((s) => s.selectedUnitId);
  const selected = useConsole((s) => (s.selectedUnitId ? s.units[s.selectedUnitId] : undefined));
  const skew = useConsole((s) => s.clockSkewMs);
  const [end, setEnd] = useState(() => Date.now() + skew);
  const request = useRef(0);
  const mayRaise = useCan('raiseEmergency');

  const showTrack = async (unitId: string) => {
    const to = Date.now() + skew;
    const r = await host.call('getTrack', { id: unitId, from: to - TRACK_MS, to: to + 1000 });
    if (!r.ok) return store.getState().notify(r.error);
    const u = store.getState().units[unitId];
    safety.getState().setTrack({ unitId, callsign: u?.callsign ?? unitId, points: r.value.points });
    if (r.value.points.length === 0) store.getState().notify(`${u?.callsign ?? unitId} has no fixes in the last 30 minutes.`, 'info');
  };

  const replayAt = async (at: number) => {
    const n = ++request.current;
    safety.getState().setReplay({ at, frame: safety.getState().replay?.frame ?? null });
    const r = await host.call('replayAt', { at });
    // The slider moves faster than the journal answers: only the latest request is drawn.
    if (n !== request.current) return;
    if (!r.ok) return store.getState().notify(r.error);
    safety.getState().setReplay({ at, frame: r.value });
  };

  const startReplay = () => {
    const now = Date.now() + skew;
    setEnd(now);
    void replayAt(now - 10 * 60_000);
  };
  const stopReplay = () => {
    request.current++;
    safety.getState().setReplay(null);
  };

  const latest = useRef({ selectedId, track, replay, showTrack, startReplay, stopReplay });
  latest.current = { selectedId, track, replay, showTrack, startReplay, stopReplay };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || e.defaultPrevented) return;
      const l = latest.current;
      const k = e.key.toLowerCase();
      if ((k === 'b' && l.selectedId) || k === 'r') {
        // An officer's movements are shown only to roles that follow officers, and each look is audited.
        const refused = refusal(store.getState(), k === 'b' ? 'getTrack' : 'replayAt', k === 'b' ? 'An officer’s breadcrumbs' : 'Replay');
        if (refused) {
          e.preventDefault();
          store.getState().notify(refused, 'info');
          return;
        }
      }
      if (k === 'b' && l.selectedId) {
        e.preventDefault();
        if (l.track?.unitId === l.selectedId) safety.getState().setTrack(null);
        else void l.showTrack(l.selectedId);
      } else if (k === 'r') {
        e.preventDefault();
        if (l.replay) l.stopReplay();
        else l.startReplay();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [safety, store]);

  const start = end - SPAN_MS;
  return (
    <section className="panel replay-panel" aria-label="Tracks and replay">
      <header className="panel-head">
        <h2>Safety &amp; replay</h2>
        <span className="hint">
          <kbd>B</kbd> breadcrumbs · <kbd>R</kbd> replay
        </span>
      </header>
      <div className="replay-body">
        {selected && mayRaise && <RaiseEmergency unitId={selected.id} callsign={selected.callsign} />}
        <div className="replay-row">
          {track ? (
            <>
              <span data-field="track">
                Track: {track.callsign}, {track.points.length} fixes
              </span>
              <button type="button" onClick={() => safety.getState().setTrack(null)}>
                Hide track
              </button>
            </>
          ) : (
            <button type="button" disabled={!selected} onClick={() => selectedId && void showTrack(selectedId)}>
              {selected ? `Show ${selected.callsign}'s last 30 min` : 'Select a unit to show its track'}
            </button>
          )}
        </div>
        <div className="replay-row">
          {replay ? (
            <>
              <input
                type="range"
                aria-label="Replay time"
                min={start}
                max={end}
                step={10_000}
                value={replay.at}
                onChange={(e) => void replayAt(Number(e.target.value))}
              />
              <span className="replay-time" data-field="replay-time">
                {formatClock(replay.at)} · {replay.frame ? `${replay.frame.positions.length} units` : '…'}
              </span>
              <button type="button" onClick={stopReplay}>
                Back to live
              </button>
            </>
          ) : (
            <button type="button" onClick={startReplay}>
              Replay the last 2 hours
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

/** A dispatcher raising an alarm for an officer (a radio call cut off, a 999 about them): two clicks, never one. */
function RaiseEmergency({ unitId, callsign }: { unitId: string; callsign: string }) {
  const host = useHost();
  const store = useConsoleStore();
  const [confirming, setConfirming] = useState(false);
  const open = useConsole((s) => Object.values(s.alarms).some((a) => a.unitId === unitId && a.stoodDownAt === null));
  useEffect(() => setConfirming(false), [unitId]);
  if (open) return <div className="replay-row hint">{callsign} has an open alarm.</div>;
  const raise = async () => {
    setConfirming(false);
    const r = await host.call('raiseEmergency', { id: unitId });
    if (!r.ok) store.getState().notify(r.error);
  };
  return (
    <div className="replay-row">
      {confirming ? (
        <>
          <button type="button" className="raise-confirm" onClick={() => void raise()}>
            Confirm: raise alarm for {callsign}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" className="raise" onClick={() => setConfirming(true)}>
          Raise emergency for {callsign}…
        </button>
      )}
    </div>
  );
}
