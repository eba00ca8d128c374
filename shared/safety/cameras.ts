// The camera registry lives with the rest of CCTV; officer safety reads it from there.
export type { Camera } from '../cctv/registry.js';
