import './safety.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Alarm } from '../../../shared/domain/alarms.js';
import { AGENCY_LABELS } from '../../../shared/domain/agencies.js';
import { alarmSurroundings } from '../../../shared/safety/nearby.js';
import { useHost } from '../host/HostContext.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { useNow } from '../useNow.js';
import { ageText, formatClock, openAlarms, SOURCE_LABELS } from './alarmModel.js';
import { AlarmTone, type ToneState } from './alarmTone.js';
import { useCameras } from './useCameras.js';

/** Who is at the console; alarms are acknowledged and stood down in their name. */
export const operatorName = () => {
  try {
    return localStorage.getItem('beacon.operator') || 'dispatcher';
  } catch {
    return 'dispatcher';
  }
};

export const ALARM_SHORTCUTS = [
  { keys: 'F8', action: 'Acknowledge the oldest unacknowledged alarm' },
  { keys: 'Shift+F8', action: 'Stand down the oldest acknowledged alarm' },
];

/**
 * Every open alarm, above everything else. It has no close button and ignores Esc: an alarm leaves
 * the screen only when a dispatcher acknowledges it and, later, stands it down. The tone repeats
 * until every alarm is acknowledged.
 */
export function AlarmBanner() {
  const host = useHost();
  const store = useConsoleStore();
  const alarmsById = useConsole((s) => s.alarms);
  const alarms = useMemo(() => openAlarms(alarmsById), [alarmsById]);
  const [busy, setBusy] = useState<string | null>(null);
  const [tone, setTone] = useState<ToneState>('off');
  const toneRef = useRef<AlarmTone | null>(null);
  const unacknowledged = alarms.filter((a) => a.acknowledgedAt === null);
  const seen = useRef(new Set<string>());

  useEffect(() => {
    const t = new AlarmTone();
    toneRef.current = t;
    const off = t.onChange(setTone);
    return () => {
      off();
      t.dispose();
    };
  }, []);

  useEffect(() => {
    if (unacknowledged.length > 0) toneRef.current?.start();
    else toneRef.current?.stop();
  }, [unacknowledged.length]);

  // A new alarm takes the map to the officer once; after that the dispatcher is in charge of the map.
  useEffect(() => {
    for (const a of alarms) {
      if (seen.current.has(a.id)) continue;
      seen.current.add(a.id);
      if (a.acknowledgedAt === null) store.getState().selectUnit(a.unitId, { fly: true });
    }
  }, [alarms, store]);

  const act = async (a: Alarm, what: 'acknowledgeAlarm' | 'standDownAlarm') => {
    setBusy(a.id);
    const r = await host.call(what, { id: a.id, operator: operatorName() });
    setBusy(null);
    if (!r.ok) store.getState().notify(r.error);
  };

  const latest = useRef({ alarms, act });
  latest.current = { alarms, act };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F8' || e.ctrlKey || e.altKey || e.metaKey) return;
      const { alarms: list, act: run } = latest.current;
      const target = e.shiftKey ? list.find((a) => a.acknowledgedAt !== null) : list.find((a) => a.acknowledgedAt === null);
      if (!target) return;
      e.preventDefault();
      e.stopPropagation();
      void run(target, e.shiftKey ? 'standDownAlarm' : 'acknowledgeAlarm');
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  if (alarms.length === 0) return null;
  return (
    <section className="alarm-banner" role="alert" aria-live="assertive" data-alarm-count={alarms.length} data-tone={tone}>
      {alarms.map((a) => (
        <AlarmRow key={a.id} alarm={a} busy={busy === a.id} onAct={(what) => void act(a, what)} />
      ))}
      {tone === 'blocked' && <p className="alarm-tone-hint">Sound is held by the browser: press any key or click to hear the alarm.</p>}
    </section>
  );
}

function AlarmRow({ alarm, busy, onAct }: { alarm: Alarm; busy: boolean; onAct: (what: 'acknowledgeAlarm' | 'standDownAlarm') => void }) {
  const store = useConsoleStore();
  const units = useConsole((s) => s.units);
  const unit = units[alarm.unitId];
  const cameras = useCameras();
  const now = useNow(1000);
  const around = useMemo(() => alarmSurroundings(alarm, Object.values(units), cameras, now, { units: 4, cameras: 3 }), [alarm, units, cameras, now]);
  const acked = alarm.acknowledgedAt !== null;
  const pos = around.position;
  return (
    <article className={`alarm ${acked ? 'acknowledged' : 'unacknowledged'}`} data-alarm-id={alarm.id} data-unit-id={alarm.unitId} aria-label={`Emergency ${unit?.callsign ?? alarm.unitId}`}>
      <div className="alarm-main">
        <strong className="alarm-title">
          EMERGENCY · {unit?.callsign ?? alarm.unitId}
          {unit && <span className="alarm-agency"> {AGENCY_LABELS[unit.agency]}</span>}
        </strong>
        <span className="alarm-meta">
          {SOURCE_LABELS[alarm.source]} at {formatClock(alarm.raisedAt)} ({ageText(Math.max(0, Math.round((now - alarm.raisedAt) / 1000)))} ago)
          {alarm.source === 'dispatcher' && ` by ${alarm.raisedBy}`}
        </span>
        <span className="alarm-position" data-field="alarm-position">
          {pos
            ? `Last known position ${pos.lat.toFixed(5)}, ${pos.lon.toFixed(5)} · fix ${ageText(Math.max(0, Math.round((now - pos.ts) / 1000)))} old`
            : 'No position known for this officer'}
        </span>
        {acked && (
          <span className="alarm-ack" data-field="acknowledged">
            Acknowledged by {alarm.acknowledgedBy} at {formatClock(alarm.acknowledgedAt!)}
          </span>
        )}
      </div>
      <div className="alarm-near">
        <span className="alarm-near-head">Nearest officers</span>
        <ol className="alarm-units">
          {around.units.length === 0 && <li className="hint">none with a recent fix</li>}
          {around.units.map((n) => (
            <li key={n.unitId}>
              <button type="button" className="link" onClick={() => store.getState().selectUnit(n.unitId, { fly: true })}>
                {n.callsign}
              </button>{' '}
              {n.distanceM} m <span className="hint">({n.status.replace('_', ' ')}, fix {ageText(n.fixAgeS)})</span>
            </li>
          ))}
        </ol>
      </div>
      <div className="alarm-near">
        <span className="alarm-near-head">Nearest cameras</span>
        <ol className="alarm-cameras">
          {around.cameras.length === 0 && <li className="hint">none within 1.5 km</li>}
          {around.cameras.map((c) => (
            <li key={c.camera.id} data-camera-id={c.camera.id}>
              <button type="button" className="link" title="Open in the CCTV view" onClick={() => store.getState().openCamera(c.camera.id)}>
                {c.camera.name}
              </button>{' '}
              {c.distanceM} m{c.camera.ptz ? ' · PTZ' : ''}
            </li>
          ))}
        </ol>
      </div>
      <div className="alarm-actions">
        <button type="button" onClick={() => store.getState().selectUnit(alarm.unitId, { fly: true })}>
          Show on map
        </button>
        {acked ? (
          <button type="button" className="stand-down" disabled={busy} onClick={() => onAct('standDownAlarm')}>
            Stand down <kbd>Shift+F8</kbd>
          </button>
        ) : (
          <button type="button" className="acknowledge" disabled={busy} onClick={() => onAct('acknowledgeAlarm')}>
            Acknowledge <kbd>F8</kbd>
          </button>
        )}
      </div>
    </article>
  );
}
