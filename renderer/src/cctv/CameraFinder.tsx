import { useMemo, useState } from 'react';
import type { CameraView } from '../../../shared/cctv/schemas.js';
import { dragCamera } from './dragCamera.js';

/** Typing a few letters of a camera's name or id; Enter opens the highlighted one, Esc gives up. */
export function CameraFinder({ cameras, onPick }: { cameras: CameraView[]; onPick(id: string | null): void }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = text.trim().toLowerCase();
    return cameras.filter((c) => !q || c.name.toLowerCase().includes(q) || c.id.toLowerCase().includes(q)).slice(0, 8);
  }, [cameras, text]);
  return (
    <span className="cctv-finder">
      <input
        autoFocus
        id="camera-finder"
        aria-label="Find a camera"
        placeholder="camera name…"
        value={text}
        onChange={(e) => (setText(e.target.value), setActive(0))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (matches.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            onPick(matches[active]?.id ?? null);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onPick(null);
          }
        }}
      />
      <ul className="cctv-finder-list" role="listbox">
        {matches.map((c, i) => (
          <li key={c.id} role="option" aria-selected={i === active} data-camera-id={c.id} draggable onDragStart={(e) => dragCamera(e, c.id)} onClick={() => onPick(c.id)}>
            {c.name} <span className="hint">{c.ptz ? 'PTZ' : 'fixed'}</span>
          </li>
        ))}
      </ul>
    </span>
  );
}
