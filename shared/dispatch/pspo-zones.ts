import { ok, type Result } from '../result.js';
import type { ConsoleService } from '../services/console-service.js';
import { parsePspoZones, type PspoZoneCollection } from './pspo.js';

/** The PSPO zones in force: the last set a supervisor loaded (journaled), else the bundled ones. */
export class PspoZones {
  constructor(
    private readonly service: ConsoleService,
    /** The zones bundled in resources/, used until a supervisor loads others. */
    private readonly bundled: PspoZoneCollection,
  ) {}

  get current(): PspoZoneCollection {
    return this.service.state.pspoZones ?? this.bundled;
  }

  async load(raw: unknown, by: string): Promise<Result<PspoZoneCollection>> {
    const parsed = parsePspoZones(raw);
    if (!parsed.ok) return parsed;
    const r = await this.service.commit({ type: 'pspo.zones_loaded', zones: parsed.value, at: this.service.now(), by });
    return r.ok ? ok(this.current) : r;
  }
}
