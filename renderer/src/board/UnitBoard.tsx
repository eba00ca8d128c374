import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { AGENCIES } from '../../../shared/domain/agencies.js';
import { UNIT_STATUSES } from '../../../shared/domain/units.js';
import type { BoardSortKey } from '../store/slices.js';
import { useConsole, useConsoleStore, useConsoleThrottled } from '../store/store.js';
import { AGENCY_SHORT, fixAgeS, formatAge, isStale, STATUS_LABELS } from '../units/unitView.js';
import { UnitStatusLabel } from '../units/UnitStatusLabel.js';
import { useNow } from '../useNow.js';
import { boardRows } from './boardModel.js';

const SECTORS = ['central', 'north', 'east', 'west', 'south'];
const ROW_HEIGHT = 26;
const OVERSCAN = 8;

const COLUMNS: { key: BoardSortKey; label: string }[] = [
  { key: 'callsign', label: 'Callsign' },
  { key: 'agency', label: 'Agency' },
  { key: 'status', label: 'Status' },
  { key: 'sector', label: 'Sector' },
  { key: 'fixAge', label: 'Last fix' },
];

/**
 * Every unit in a filterable, sortable list. Only the rows in view are rendered, so the board
 * stays cheap with thousands of units updating every second.
 */
export function UnitBoard() {
  const store = useConsoleStore();
  // Thousands of units change every 100 ms; the board redraws twice a second at most.
  const units = useConsoleThrottled((s) => s.units, 500);
  const filter = useConsole((s) => s.boardFilter);
  const sort = useConsole((s) => s.boardSort);
  const selected = useConsole((s) => s.selectedUnitId);
  const staleAfterS = useConsole((s) => s.staleAfterS);
  const now = useNow(1000);
  const list = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setScroll({ top: el.scrollTop, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Sorting by fix age follows the clock; other orders only change when units do.
  const sortClock = sort.key === 'fixAge' ? now : 0;
  const rows = useMemo(() => boardRows(units, filter, sort, sortClock || Date.now()), [units, filter, sort, sortClock]);
  const active = selected ? rows.findIndex((u) => u.id === selected) : -1;

  const first = Math.max(0, Math.floor(scroll.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scroll.top + scroll.height) / ROW_HEIGHT) + OVERSCAN);

  const choose = (index: number) => {
    const u = rows[index];
    if (!u) return;
    store.getState().selectUnit(u.id, { fly: true });
    const el = list.current;
    if (el) {
      const top = index * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      choose(Math.min(rows.length - 1, Math.max(0, (active < 0 ? -1 : active) + step)));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      choose(e.key === 'Home' ? 0 : rows.length - 1);
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      choose(active);
    }
  };

  const set = store.getState().setBoardFilter;
  return (
    <section className="panel unit-board" aria-label="Unit board">
      <header className="panel-head">
        <h2>
          Units <span className="count">{rows.length} / {Object.keys(units).length}</span>
        </h2>
        <div className="filters">
          <input
            id="unit-search"
            type="search"
            placeholder="Callsign, sector… ( / )"
            aria-label="Search units"
            value={filter.search}
            onChange={(e) => set({ search: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault();
                list.current?.focus();
                choose(Math.max(0, active));
              }
            }}
          />
          <select aria-label="Filter by agency" value={filter.agency} onChange={(e) => set({ agency: e.target.value as typeof filter.agency })}>
            <option value="">All agencies</option>
            {AGENCIES.map((a) => (
              <option key={a} value={a}>
                {AGENCY_SHORT[a]}
              </option>
            ))}
          </select>
          <select aria-label="Filter by status" value={filter.status} onChange={(e) => set({ status: e.target.value as typeof filter.status })}>
            <option value="">All statuses</option>
            {UNIT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <select aria-label="Filter by sector" value={filter.sector} onChange={(e) => set({ sector: e.target.value })}>
            <option value="">All sectors</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
      </header>
      <div className="board-cols" role="row">
        {COLUMNS.map((c) => (
          <button
            key={c.key}
            type="button"
            className={`col col-${c.key}`}
            role="columnheader"
            aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
            onClick={() => store.getState().sortBoardBy(c.key)}
            tabIndex={-1}
          >
            {c.label}
            {sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
          </button>
        ))}
      </div>
      <div
        id="unit-board"
        ref={list}
        className="board-rows"
        role="listbox"
        tabIndex={0}
        aria-label="Units (arrows to move, U to focus)"
        aria-activedescendant={active >= 0 ? `unit-row-${rows[active]!.id}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      >
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(first, last).map((u, k) => {
            const age = fixAgeS(u, now);
            const stale = isStale(u, now, staleAfterS);
            return (
              <div
                key={u.id}
                id={`unit-row-${u.id}`}
                role="option"
                aria-selected={u.id === selected}
                className={`board-row${u.id === selected ? ' selected' : ''}${stale ? ' stale' : ''}`}
                style={{ top: (first + k) * ROW_HEIGHT, height: ROW_HEIGHT }}
                data-unit-id={u.id}
                onClick={() => choose(first + k)}
              >
                <span className="col col-callsign">{u.callsign}</span>
                <span className="col col-agency">{AGENCY_SHORT[u.agency]}</span>
                <span className="col col-status">
                  <UnitStatusLabel unit={u} />
                </span>
                <span className="col col-sector">{u.sector}</span>
                <span className="col col-fixAge" title={stale ? 'Stale: no recent fix' : undefined}>
                  {stale && age !== null ? '⚠ ' : ''}
                  {formatAge(age)}
                </span>
              </div>
            );
          })}
        </div>
        {rows.length === 0 && <p className="empty">{Object.keys(units).length ? 'No unit matches these filters.' : 'Waiting for units…'}</p>}
      </div>
    </section>
  );
}
