// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SceneInput } from '../../../shared/major/scene.js';
import { buildScene } from '../../../shared/major/scene.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { createConsoleStore } from '../store/store.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { majorIncident, unit } from '../testing/fixtures.js';
import { ScenePanel } from './ScenePanel.js';

const T = Date.parse('2026-11-30T09:00:00Z');
const centre = { lat: 52.5739, lon: -0.2406 };
const major = (over: Partial<MajorIncidentView> = {}): MajorIncidentView => majorIncident({ location: centre, declaredAt: T, ...over });
const corners = [
  { lat: 52.573, lon: -0.242 },
  { lat: 52.573, lon: -0.239 },
  { lat: 52.575, lon: -0.2395 },
];

function panel(m = major()) {
  const onDraw = vi.fn<(s: SceneInput) => void>();
  const host = new FakeHost().answer('listCameras', () => ({ ok: true, value: [] }));
  const store = createConsoleStore();
  const r = renderConsole(<ScenePanel major={m} onDraw={onDraw} />, { store, host });
  // What MapInteractions does on a click while picking.
  const click = (p: { lat: number; lon: number }) =>
    act(() => {
      store.getState().setDraftLocation(p);
      store.getState().setPickingLocation(false);
    });
  return { ...r, onDraw, click };
}

describe('<ScenePanel> freehand cordons', () => {
  it('draws a cordon corner by corner on the map, shows it as it grows, and Enter finishes and draws the scene', async () => {
    const { store, onDraw, click } = panel();
    await userEvent.click(document.getElementById('scene-inner-draw')!);
    expect(store.getState().pickingLocation).toBe(true);
    expect(screen.getByRole('status').textContent).toMatch(/Click the corners of the inner cordon.*Enter to finish.*Esc to cancel/);
    for (const p of corners) {
      click(p);
      // Still drawing after each corner.
      expect(store.getState().pickingLocation).toBe(true);
    }
    expect(store.getState().sceneDraft).toEqual({ kind: 'inner-cordon', points: corners });
    await userEvent.keyboard('{Enter}');
    expect(onDraw).toHaveBeenCalledWith({ innerCordon: corners });
    expect(store.getState()).toMatchObject({ pickingLocation: false, sceneDraft: null });
    expect((document.getElementById('scene-inner-corners') as HTMLInputElement).value).toBe('52.57300, -0.24200; 52.57300, -0.23900; 52.57500, -0.23950');
  });

  it('Esc cancels a drawing and puts back the cordon that was there', async () => {
    const drawn = major({ scene: buildScene(centre, { outerCordon: corners.map((p) => ({ lat: p.lat + 0.001, lon: p.lon })) }) });
    const { store, onDraw, click } = panel(drawn);
    const field = document.getElementById('scene-outer-corners') as HTMLInputElement;
    const before = field.value;
    expect(before.split(';')).toHaveLength(3);
    await userEvent.click(document.getElementById('scene-outer-draw')!);
    expect(field.value).toBe('');
    click(corners[0]!);
    await userEvent.keyboard('{Escape}');
    expect(field.value).toBe(before);
    expect(store.getState()).toMatchObject({ pickingLocation: false, sceneDraft: null });
    expect(onDraw).not.toHaveBeenCalled();
  });

  it('takes corners typed from the keyboard, and counts the units inside by the polygon', async () => {
    const square = [
      { lat: 52.573, lon: -0.242 },
      { lat: 52.573, lon: -0.239 },
      { lat: 52.575, lon: -0.239 },
      { lat: 52.575, lon: -0.242 },
    ];
    const drawn = major({ scene: buildScene(centre, { innerCordon: square, outerRadiusM: 800 }) });
    const { store, onDraw } = panel(drawn);
    act(() =>
      store.setState({
        units: {
          in: unit('in', { fix: { ts: T, lat: 52.574, lon: -0.2405 } }),
          // 150 m from the centre, inside a 150 m circle but outside the square.
          out: unit('out', { fix: { ts: T, lat: 52.5752, lon: -0.2406 } }),
        },
      }),
    );
    expect(screen.getByText(/Units inside/).textContent).toBe('Units inside: inner cordon 1, outer cordon 1');
    const field = document.getElementById('scene-inner-corners') as HTMLInputElement;
    await userEvent.clear(field);
    await userEvent.type(field, '52.5731, -0.2419; 52.5731, -0.2391; 52.5749, -0.2405{Enter}');
    expect(onDraw).toHaveBeenCalledWith({
      innerCordon: [
        { lat: 52.5731, lon: -0.2419 },
        { lat: 52.5731, lon: -0.2391 },
        { lat: 52.5749, lon: -0.2405 },
      ],
      outerRadiusM: 800,
    });
    await userEvent.clear(field);
    await userEvent.type(field, '52.5731, -0.2419; 152, 0{Enter}');
    expect(screen.getByRole('alert').textContent).toMatch(/Inner cordon, point 2: Latitude 152/);
  });
});
