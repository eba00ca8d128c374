import { createContext, useContext } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';

/** The map, once its style has loaded; layers render nothing until then. */
export const MapContext = createContext<MaplibreMap | null>(null);
export const useMap = () => useContext(MapContext);
