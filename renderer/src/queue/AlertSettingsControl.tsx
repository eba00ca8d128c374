import { useState } from 'react';
import { ALARM_MAP_KEY, type AlarmMapChoice, loadAlarmMapChoice } from '../safety/AlarmBanner.js';
import { type AlertSettings, loadAlertSettings, NEW_WORK_KINDS, type NewWorkKind, saveAlertSettings } from './newWork.js';

const LABELS: Record<NewWorkKind, string> = { incident: 'New incident', p1: 'New P1', unacknowledged: 'Unacknowledged assignment' };

/** This desk's new-work sounds: which kinds sound, and how loud (always below the emergency alarm). */
export function AlertSettingsControl() {
  const [s, setS] = useState<AlertSettings>(() => loadAlertSettings());
  const [mapChoice, setMapChoice] = useState<AlarmMapChoice>(() => loadAlarmMapChoice());
  const change = (next: AlertSettings) => {
    setS(next);
    saveAlertSettings(next);
  };
  return (
    <details className="alert-settings">
      <summary>Alerts</summary>
      <div className="alert-settings-body">
        {NEW_WORK_KINDS.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={s.sound[k]} onChange={(e) => change({ ...s, sound: { ...s.sound, [k]: e.target.checked } })} /> {LABELS[k]}
          </label>
        ))}
        <label>
          An alarm moves the map
          <select
            value={mapChoice}
            onChange={(e) => {
              const v = e.target.value as AlarmMapChoice;
              setMapChoice(v);
              try {
                localStorage.setItem(ALARM_MAP_KEY, v);
              } catch {
                /* kept for this session only */
              }
            }}
          >
            <option value="idle">when I am between tasks</option>
            <option value="always">always</option>
            <option value="never">never</option>
          </select>
        </label>
        <label>
          Volume
          <input type="range" min={0} max={1} step={0.1} value={s.volume} onChange={(e) => change({ ...s, volume: Number(e.target.value) })} />
        </label>
      </div>
    </details>
  );
}
