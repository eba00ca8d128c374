import { describe, expect, it } from 'vitest';
import { FROZEN_AFTER_MS, tileView } from './tileModel.js';

describe('what a tile says', () => {
  const now = 1_000_000;
  it('is live with a fresh frame', () => {
    expect(tileView({ state: 'live', error: null, lastFrameAt: now - 200 }, now)).toEqual({ state: 'live', age: 'last frame now', detail: null });
  });
  it('never looks live once the picture has frozen, whatever the host last said', () => {
    expect(tileView({ state: 'live', error: null, lastFrameAt: now - FROZEN_AFTER_MS - 1000 }, now)).toEqual({
      state: 'no_signal',
      age: 'last frame 4 s ago',
      detail: 'the picture has stopped',
    });
  });
  it('passes on the host\'s reason when there is no signal', () => {
    const v = tileView({ state: 'no_signal', error: 'the camera refused the connection; trying again in 4 s', lastFrameAt: 0 }, now);
    expect(v).toEqual({ state: 'no_signal', age: 'no frame yet', detail: 'the camera refused the connection; trying again in 4 s' });
  });
});
