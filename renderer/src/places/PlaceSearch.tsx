import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { Place } from '../../../shared/places/types.js';
import { useHost } from '../host/HostContext.js';
import { useConsoleStore } from '../store/store.js';
import './places.css';

export interface PlaceSearchProps {
  id: string;
  value: string;
  /** Every keystroke: the text as typed (coordinates typed in full still work without a choice). */
  onText(text: string): void;
  /** A place taken from the list, with what was typed to find it. */
  onChoose(place: Place, query: string): void;
  placeholder?: string;
  invalid?: boolean;
  label?: string;
  /**
   * In a form, coordinates typed in full are already the answer: Enter submits the form rather
   * than taking the same point again from the list.
   */
  submitCoordinates?: boolean;
}

/** Answers that arrive after a newer keystroke's are dropped, so the list never goes backwards. */
function usePlaceResults(text: string, enabled: boolean): Place[] {
  const host = useHost();
  const store = useConsoleStore();
  const [results, setResults] = useState<Place[]>([]);
  const asked = useRef(0);
  useEffect(() => {
    const q = text.trim();
    const n = ++asked.current;
    if (!enabled || q.length < 2) {
      setResults([]);
      return;
    }
    const centre = store.getState().mapCentre;
    void host.call('searchPlaces', { q, limit: 8, ...(centre && { near: `${centre.lat.toFixed(5)},${centre.lon.toFixed(5)}` }) }).then((r) => {
      if (n === asked.current) setResults(r.ok ? r.value : []);
    });
  }, [text, enabled, host, store]);
  return results;
}

/**
 * One box for where the caller is: street, landmark, postcode, house number + street, grid
 * reference or latitude/longitude, answered as it is typed. ↑/↓ move, Enter takes the highlighted
 * (first) answer, Esc closes the list.
 */
export function PlaceSearch({ id, value, onText, onChoose, placeholder, invalid, label, submitCoordinates }: PlaceSearchProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const results = usePlaceResults(value, open);
  const listId = useId();
  const shown = open && results.length > 0;

  useEffect(() => setActive(0), [results]);

  const choose = (p: Place) => {
    setOpen(false);
    onChoose(p, value.trim());
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!shown) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length);
    } else if (e.key === 'Enter') {
      const chosen = results[active] ?? results[0]!;
      if (submitCoordinates && chosen.kind === 'coordinates') {
        setOpen(false);
        return;
      }
      // The first Enter takes a place; with the place taken, the next Enter submits the form.
      e.preventDefault();
      choose(chosen);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <span className="place-search">
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        role="combobox"
        aria-label={label}
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown ? `${listId}-${active}` : undefined}
        aria-invalid={invalid}
        onChange={(e) => {
          setOpen(true);
          onText(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      {shown && (
        <ul id={listId} className="place-results" role="listbox" aria-label="Places found">
          {results.map((p, i) => (
            <li
              key={`${p.kind}|${p.name}|${p.lat}|${p.lon}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(p);
              }}
            >
              <span className="place-name">{p.name}</span>
              <span className="place-kind">{p.kind}</span>
              {p.detail && <span className="place-detail">{p.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

/**
 * How a chosen place is recorded on the incident: what was chosen, and what was typed to find it.
 * Bare coordinates say nothing the location does not already: null.
 */
export function describeChoice(place: Place, query: string): string | null {
  if (place.kind === 'coordinates') return null;
  const chosen = [place.name, place.detail].filter(Boolean).join(', ');
  const typed = query && query.toLowerCase() !== place.name.toLowerCase() ? ` (searched "${query}")` : '';
  return `${chosen}${typed}`.slice(0, 200);
}
