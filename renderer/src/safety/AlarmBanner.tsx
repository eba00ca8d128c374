import './safety.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Alarm } from '../../../shared/domain/alarms.js';
import { AGENCY_LABELS } from '../../../shared/domain/agencies.js';
import { alarmSurroundings } from '../../../shared/safety/nearby.js';
import { useHost } from '../host/HostContext.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { useNow } from '../useNow.js';
import { ageText, formatClock, openAlarms, SOURCE_LABELS } from './alarmModel.js';
import { AlarmPicker } from './AlarmPicker.js';
import { AlarmTone, type ToneState } from './alarmTone.js';
import { useCameras } from './useCameras.js';
import { refusal, useCan } from '../session/can.js';

/** Whether a new alarm moves this desk's map to the officer: always, only when the dispatcher is between tasks, or never. */
export type AlarmMapChoice = 'always' | 'idle' | 'never';
export const ALARM_MAP_KEY = 'beacon.alarms.moveMap';

export function loadAlarmMapChoice(): AlarmMapChoice {
  try {
    const v = localStorage.getItem(ALARM_MAP_KEY);
    return v === 'always' || v === 'never' ? v : 'idle';
  } catch {
    return 'idle';
  }
}

const alarmMovesMap = (choice: AlarmMapChoice, mode: string) => choice === 'always' || (choice === 'idle' && mode === 'idle');

export const ALARM_SHORTCUTS = [
  { keys: 'F8', action: 'Acknowledge the oldest unacknowledged alarm' },
  { keys: 'Shift+F8', action: 'Stand down the oldest acknowledged alarm (press twice: it asks first)' },
  { keys: 'Alt+F8', action: 'Choose an alarm from the list: ↑ ↓, Enter acknowledges or stands down, Esc closes' },
];

/**
 * Every open alarm, above everything else. It has no close button and ignores Esc: an alarm leaves
 * the screen only when a dispatcher acknowledges it and, later, stands it down. The tone repeats
 * until every alarm is acknowledged. A `silent` copy (a torn-off alarms window) neither sounds nor
 * moves the map: the desk's main window does both, once.
 */
export function AlarmBanner({ silent = false }: { silent?: boolean }) {
  const host = useHost();
  const store = useConsoleStore();
  const alarmsById = useConsole((s) => s.alarms);
  const alarms = useMemo(() => openAlarms(alarmsById), [alarmsById]);
  const [busy, setBusy] = useState<string | null>(null);
  // Standing an alarm down ends the watch on an officer: the first press asks, the second does it.
  const [confirming, setConfirming] = useState<string | null>(null);
  // Alt+F8's list: which alarm (by id, so a new alarm arriving does not move the choice) is highlighted.
  const [picking, setPicking] = useState<{ id: string | null } | null>(null);
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
    if (unacknowledged.length > 0 && !silent) toneRef.current?.start();
    else toneRef.current?.stop();
  }, [unacknowledged.length, silent]);

  // A new alarm takes the map to the officer once, as this desk chose (by default not while its
  // dispatcher is in the middle of a call or an allocation); after that the dispatcher is in charge.
  useEffect(() => {
    for (const a of alarms) {
      if (seen.current.has(a.id)) continue;
      seen.current.add(a.id);
      if (!silent && a.acknowledgedAt === null && alarmMovesMap(loadAlarmMapChoice(), store.getState().mode)) store.getState().selectUnit(a.unitId, { fly: true });
    }
  }, [alarms, store, silent]);

  const act = async (a: Alarm, what: 'acknowledgeAlarm' | 'standDownAlarm') => {
    const refused = refusal(store.getState(), what, what === 'acknowledgeAlarm' ? 'Acknowledging an alarm' : 'Standing an alarm down');
    if (refused) return store.getState().notify(refused, 'info');
    if (what === 'standDownAlarm' && latest.current.confirming !== a.id) {
      setConfirming(a.id);
      return;
    }
    setConfirming(null);
    setBusy(a.id);
    const r = await host.call(what, { id: a.id });
    setBusy(null);
    if (!r.ok) store.getState().notify(r.error);
  };

  const latest = useRef({ alarms, act, confirming });
  latest.current = { alarms, act, confirming };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && latest.current.confirming) {
        // Esc withdraws the stand-down question only; the alarm itself ignores Esc.
        setConfirming(null);
        return;
      }
      if (e.key === 'F8' && e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
        if (latest.current.alarms.length === 0) return;
        e.preventDefault();
        e.stopPropagation();
        setPicking((p) => (p ? null : { id: latest.current.alarms[0]!.id }));
        return;
      }
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
  const pickIndex = Math.max(0, alarms.findIndex((a) => a.id === picking?.id));
  const closePicker = () => {
    setPicking(null);
    setConfirming(null);
  };
  return (
    <section className="alarm-banner" role="alert" aria-live="assertive" data-alarm-count={alarms.length} data-tone={tone}>
      {picking && (
        <AlarmPicker
          alarms={alarms}
          active={pickIndex}
          confirming={confirming}
          onMove={(i) => {
            setPicking({ id: alarms[i]!.id });
            setConfirming(null);
          }}
          onChoose={(a) => {
            const standDown = a.acknowledgedAt !== null;
            void act(a, standDown ? 'standDownAlarm' : 'acknowledgeAlarm');
            // The list stays open only while a stand-down waits for its second Enter.
            if (!standDown || confirming === a.id) setPicking(null);
          }}
          onClose={closePicker}
        />
      )}
      {alarms.map((a) => (
        <AlarmRow
          key={a.id}
          alarm={a}
          busy={busy === a.id}
          confirming={confirming === a.id}
          // With several alarms at once, acknowledged ones shrink to a line: the waiting ones stay readable.
          compact={alarms.length > 1 && a.acknowledgedAt !== null}
          onAct={(what) => void act(a, what)}
        />
      ))}
      {tone === 'blocked' && <p className="alarm-tone-hint">Sound is held by the browser: press any key or click to hear the alarm.</p>}
    </section>
  );
}

function AlarmRow({
  alarm,
  busy,
  confirming,
  compact,
  onAct,
}: {
  alarm: Alarm;
  busy: boolean;
  confirming: boolean;
  compact: boolean;
  onAct: (what: 'acknowledgeAlarm' | 'standDownAlarm') => void;
}) {
  const store = useConsoleStore();
  const units = useConsole((s) => s.units);
  const unit = units[alarm.unitId];
  const cameras = useCameras();
  const now = useNow(1000);
  const around = useMemo(() => alarmSurroundings(alarm, Object.values(units), cameras, now, { units: 4, cameras: 3 }), [alarm, units, cameras, now]);
  const acked = alarm.acknowledgedAt !== null;
  const mayAct = useCan('acknowledgeAlarm');
  // Shown above a locked desk's lock screen: acting on it waits for the operator to unlock.
  const locked = useConsole((s) => !!s.session?.locked);
  const pos = around.position;
  return (
    <article className={`alarm ${acked ? 'acknowledged' : 'unacknowledged'}${compact ? ' compact' : ''}`} data-alarm-id={alarm.id} data-unit-id={alarm.unitId} aria-label={`Emergency ${unit?.callsign ?? alarm.unitId}`}>
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
        {unit?.emergency && !unit.emergency.active && unit.emergency.ts >= alarm.raisedAt && (
          <span className="alarm-ack" data-field="device-cancelled">
            {unit.callsign} cancelled the emergency from the device at {formatClock(unit.emergency.ts)}: confirm by radio before standing down
          </span>
        )}
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
      {confirming && (
        <p className="alarm-confirm" data-field="stand-down-confirm">
          Stand down {unit?.callsign ?? alarm.unitId}’s alarm? Press <kbd>Shift+F8</kbd> again or click Confirm · <kbd>Esc</kbd> keeps it
        </p>
      )}
      <div className="alarm-actions">
        <button type="button" onClick={() => store.getState().selectUnit(alarm.unitId, { fly: true })}>
          Show on map
        </button>
        {!mayAct ? null : locked ? (
          <span className="hint" data-field="locked-hint">
            Unlock the desk to {acked ? 'stand it down' : 'acknowledge'}
          </span>
        ) : acked ? (
          <button type="button" className={`stand-down${confirming ? ' confirming' : ''}`} disabled={busy} onClick={() => onAct('standDownAlarm')}>
            {confirming ? 'Confirm stand down' : 'Stand down'} <kbd>Shift+F8</kbd>
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
