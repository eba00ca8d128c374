// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MajorIncidentId } from '../../../shared/major/major-incident.js';
import { buildScene } from '../../../shared/major/scene.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { createConsoleStore } from '../store/store.js';
import { majorIncident } from '../testing/fixtures.js';
import { renderConsole } from '../testing/render.js';
import { MajorWorkspace } from './MajorWorkspace.js';

const T = Date.parse('2026-11-30T09:00:00Z');
const centre = { lat: 52.5739, lon: -0.2406 };
const major = (id: string, declaredAt: number, outerRadiusM: number): MajorIncidentView =>
  majorIncident({ id: id as MajorIncidentId, location: centre, declaredAt, scene: buildScene(centre, { outerRadiusM }), radio: ['METHANE MESSAGE'] });

describe('<MajorWorkspace>', () => {
  it("shows the chosen major incident's own scene in the form, not the first one's", async () => {
    const store = createConsoleStore();
    store.getState().setMajors([major('MI-20261130-01', T, 400), major('MI-20261130-02', T + 1000, 900)], true);
    renderConsole(<MajorWorkspace />, { store });
    // Newest first.
    expect((document.getElementById('scene-outer') as HTMLInputElement).value).toBe('900');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Major incident' }), 'MI-20261130-01');
    expect((document.getElementById('scene-outer') as HTMLInputElement).value).toBe('400');
  });
});
