import { useEffect, useRef } from 'react';
import type { Alarm } from '../../../shared/domain/alarms.js';
import { useConsole } from '../store/store.js';
import { useNow } from '../useNow.js';
import { ageText, SOURCE_LABELS } from './alarmModel.js';

/**
 * The open alarms as a list to choose from (Alt+F8), for when F8's "oldest first" is not the one
 * the dispatcher means: ↑ ↓ choose, Enter acknowledges a waiting alarm or stands down an
 * acknowledged one (asking first, as Shift+F8 does), Esc closes the list.
 */
export function AlarmPicker({
  alarms,
  active,
  confirming,
  onMove,
  onChoose,
  onClose,
}: {
  alarms: Alarm[];
  active: number;
  confirming: string | null;
  onMove: (index: number) => void;
  onChoose: (a: Alarm) => void;
  onClose: () => void;
}) {
  const units = useConsole((s) => s.units);
  const now = useNow(1000);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => list.current?.focus(), []);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const n = alarms.length;
    if (e.key === 'ArrowDown') onMove((active + 1) % n);
    else if (e.key === 'ArrowUp') onMove((active - 1 + n) % n);
    else if (e.key === 'Home') onMove(0);
    else if (e.key === 'End') onMove(n - 1);
    else if (e.key === 'Enter' && alarms[active]) onChoose(alarms[active]);
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const chosen = alarms[active];
  return (
    <div className="alarm-picker">
      <p className="alarm-picker-head" id="alarm-picker-head">
        Choose an alarm: <kbd>↑</kbd> <kbd>↓</kbd>, <kbd>Enter</kbd>{' '}
        {chosen?.acknowledgedAt === null ? 'acknowledges it' : confirming === chosen?.id ? 'again stands it down' : 'stands it down (asks first)'}
        , <kbd>Esc</kbd> closes
      </p>
      <div
        ref={list}
        className="alarm-picker-list"
        role="listbox"
        tabIndex={0}
        aria-labelledby="alarm-picker-head"
        aria-activedescendant={chosen ? `alarm-pick-${chosen.id}` : undefined}
        onKeyDown={onKeyDown}
      >
        {alarms.map((a, i) => {
          const callsign = units[a.unitId]?.callsign ?? a.unitId;
          const waiting = a.acknowledgedAt === null;
          return (
            <div
              key={a.id}
              id={`alarm-pick-${a.id}`}
              role="option"
              aria-selected={i === active}
              data-index={i}
              data-pick-alarm-id={a.id}
              className={`alarm-pick${i === active ? ' active' : ''}`}
              onMouseEnter={() => onMove(i)}
              onClick={() => onChoose(a)}
            >
              <strong>{callsign}</strong> · {SOURCE_LABELS[a.source]} · {ageText(Math.max(0, Math.round((now - a.raisedAt) / 1000)))} ago ·{' '}
              {waiting ? 'waiting' : confirming === a.id ? 'stand down? Enter again' : `acknowledged by ${a.acknowledgedBy}`}
            </div>
          );
        })}
      </div>
    </div>
  );
}
