import { useState } from 'react';
import { useConsoleStore } from '../store/store.js';
import { PlaceSearch } from './PlaceSearch.js';

/** The box over the map (W): find a place as the caller says it, and fly there. */
export function GoToPlace() {
  const store = useConsoleStore();
  const [text, setText] = useState('');
  return (
    <div className="go-to-place">
      <kbd>W</kbd>
      <PlaceSearch
        id="go-to-place"
        label="Go to a place"
        value={text}
        placeholder="Go to street, postcode, grid ref…"
        onText={setText}
        onChoose={(p) => {
          setText(p.name);
          store.setState((s) => ({ flyTo: { lat: p.lat, lon: p.lon, zoom: 17, n: (s.flyTo?.n ?? 0) + 1 } }));
        }}
      />
    </div>
  );
}
