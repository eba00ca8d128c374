import { useEffect, useRef } from 'react';
import { useConsole, useConsoleStore } from '../store/store.js';
import { useReturnFocus } from './focus.js';
import { SHORTCUT_SHEET } from './shortcuts.js';
import { can } from '../session/can.js';

/** Every key the console answers to, on `?`; Esc or `?` again closes it. */
export function ShortcutSheet() {
  const open = useConsole((s) => s.shortcutSheet);
  return open ? <Sheet /> : null;
}

function Sheet() {
  const store = useConsoleStore();
  const session = useConsole((s) => s.session);
  const ref = useRef<HTMLElement>(null);
  // Closing hands the keyboard back to where it was (or the queue), never to <body>.
  useReturnFocus();
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} className="shortcut-sheet" role="dialog" aria-modal="false" aria-label="Keyboard shortcuts" tabIndex={-1}>
      <header className="panel-head">
        <h2>Keyboard shortcuts</h2>
        <button type="button" onClick={() => store.getState().setShortcutSheet(false)}>
          Close <kbd>Esc</kbd>
        </button>
      </header>
      <div className="groups">
        {SHORTCUT_SHEET.map((g) => (
          <div key={g.group}>
            <h3>{g.group}</h3>
            <dl>
              {g.shortcuts.map((s) => (
                <div key={`${g.group}-${s.keys}`} className={`shortcut${s.needs && !can({ session }, s.needs) ? ' not-yours' : ''}`}>
                  <dt>
                    <kbd>{s.keys}</kbd>
                  </dt>
                  <dd>
                    {s.action}
                    {s.needs && !can({ session }, s.needs) && <span className="hint"> (not your role)</span>}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}
