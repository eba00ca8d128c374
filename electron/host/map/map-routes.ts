import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import type { RouteHandler } from '../http-server.js';
import type { StreetMapSettings } from '../../../shared/contract.js';
import type { MapPackage } from './map-package.js';

/** Where the console fetches the imported map: tiles and fonts come from the host, never a CDN. */
const MAP_TILES_PATH = '/map/tiles/{z}/{x}/{y}.pbf';
const MAP_GLYPHS_PATH = '/map/glyphs/{fontstack}/{range}.pbf';

const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('tileserver-gl-styles/package.json')), 'fonts', 'Noto Sans Regular');

/** One answer for a `/map/…` path, whoever carries it (the HTTP server, Electron's own scheme). */
export interface MapAsset {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

/**
 * Vector tiles from the map package and glyphs from the bundled Noto Sans; null for a path that
 * is not under `/map/`. `gzipped` says whether the carrier passes a gzip-encoded body through
 * (HTTP does; a custom Electron scheme gets the tile unzipped).
 */
export function mapAsset(pkg: MapPackage, pathname: string, gzipped = true): MapAsset | null {
  if (!pathname.startsWith('/map/')) return null;
  const tile = /^\/map\/tiles\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.pbf$/.exec(pathname);
  if (tile) {
    const data = pkg.tile(Number(tile[1]), Number(tile[2]), Number(tile[3]));
    // A missing tile is empty sea or beyond the imported area: an empty answer, not an error.
    if (!data) return { status: 204, headers: { 'cache-control': 'no-cache' }, body: null };
    const headers: Record<string, string> = { 'content-type': 'application/x-protobuf', 'cache-control': 'no-cache' };
    if (gzipped) headers['content-encoding'] = 'gzip';
    return { status: 200, headers, body: gzipped ? data : zlib.gunzipSync(data) };
  }
  const glyphs = /^\/map\/glyphs\/[^/]+\/(\d{1,5})-(\d{1,5})\.pbf$/.exec(pathname);
  // Every font stack is served with Noto Sans Regular, the one font the console ships.
  const file = glyphs && path.join(FONT_DIR, `${Number(glyphs[1])}-${Number(glyphs[2])}.pbf`);
  if (file && fs.existsSync(file)) return { status: 200, headers: { 'content-type': 'application/x-protobuf', 'cache-control': 'public, max-age=86400' }, body: fs.readFileSync(file) };
  return { status: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Not found') };
}

/** The map's assets on the host's HTTP server. */
export function mapRoutes(pkg: MapPackage): RouteHandler {
  return (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const asset = mapAsset(pkg, url.pathname);
    if (!asset) return false;
    res.writeHead(asset.status, asset.headers);
    res.end(req.method === 'HEAD' ? undefined : (asset.body ?? undefined));
    return true;
  };
}

/** What the console is told of the imported street map; null when none is imported. */
export function streetMapSettings(pkg: MapPackage): StreetMapSettings | null {
  const facts = pkg.tileSet();
  if (!facts) return null;
  // The import's date in the tile address: a console told of a new import asks for new tiles, not its cached ones.
  const version = facts.importedAt ? `?v=${encodeURIComponent(facts.importedAt)}` : '';
  return { tiles: `${MAP_TILES_PATH.slice(1)}${version}`, glyphs: MAP_GLYPHS_PATH.slice(1), bounds: facts.bounds, minzoom: facts.minzoom, maxzoom: facts.maxzoom, attribution: facts.credits };
}
