import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { RouteHandler } from '../http-server.js';
import type { StreetMapSettings } from '../../../shared/contract.js';
import type { MapPackage } from './map-package.js';

/** Where the console fetches the imported map: tiles and fonts come from the host, never a CDN. */
const MAP_TILES_PATH = '/map/tiles/{z}/{x}/{y}.pbf';
const MAP_GLYPHS_PATH = '/map/glyphs/{fontstack}/{range}.pbf';

const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('tileserver-gl-styles/package.json')), 'fonts', 'Noto Sans Regular');

/** Vector tiles from the map package and glyphs from the bundled Noto Sans. */
export function mapRoutes(pkg: MapPackage): RouteHandler {
  return (req, res, url) => {
    if (!url.pathname.startsWith('/map/') || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const tile = /^\/map\/tiles\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.pbf$/.exec(url.pathname);
    if (tile) {
      const data = pkg.tile(Number(tile[1]), Number(tile[2]), Number(tile[3]));
      // A missing tile is empty sea or beyond the imported area: an empty answer, not an error.
      if (!data) {
        res.writeHead(204, { 'cache-control': 'no-cache' });
        res.end();
        return true;
      }
      res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip', 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : data);
      return true;
    }
    const glyphs = /^\/map\/glyphs\/[^/]+\/(\d{1,5})-(\d{1,5})\.pbf$/.exec(url.pathname);
    if (glyphs) {
      // Every font stack is served with Noto Sans Regular, the one font the console ships.
      const file = path.join(FONT_DIR, `${Number(glyphs[1])}-${Number(glyphs[2])}.pbf`);
      if (!fs.existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('No such glyph range');
        return true;
      }
      res.writeHead(200, { 'content-type': 'application/x-protobuf', 'cache-control': 'public, max-age=86400' });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
      return true;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
    return true;
  };
}

/** What the console is told of the imported street map; null when none is imported. */
export function streetMapSettings(pkg: MapPackage): StreetMapSettings | null {
  const facts = pkg.tileSet();
  if (!facts) return null;
  return { tiles: MAP_TILES_PATH.slice(1), glyphs: MAP_GLYPHS_PATH.slice(1), bounds: facts.bounds, minzoom: facts.minzoom, maxzoom: facts.maxzoom, attribution: facts.credits };
}
