import type { IncidentId, UnitId } from '../domain/ids.js';
import type { JournalEvent } from '../events.js';
import { fail, ok, type Result } from '../result.js';
import type { ConsoleService } from '../services/console-service.js';
import { type RankingSettings, type Recommendation, recommendUnits } from './ranking.js';
import { UnitGrid } from './unit-grid.js';
import type { RoadNetwork } from '../routing/road-graph.js';
import { type AllocatedRoute, allocatedRoutes } from '../routing/allocated-routes.js';

/**
 * Ranks officers for an incident over a spatial index of units, so a recommendation looks at the
 * few officers nearby rather than the whole roster.
 */
export class Recommendations {
  private readonly grid = new UnitGrid();
  /** Built at the first recommendation, then kept current event by event while the unit is hot in cache. */
  private gridBuilt = false;
  private gridNeedsFullSync = true;

  constructor(
    private readonly service: ConsoleService,
    readonly settings: RankingSettings,
    /** The imported road network, if any: officers are then ranked by time along roads. */
    private readonly roads: () => RoadNetwork | null = () => null,
  ) {
    service.onChange((e) => this.trackUnits(e));
  }

  private trackUnits(e: JournalEvent) {
    if (!this.gridBuilt || this.gridNeedsFullSync) return;
    const units = this.service.state.units;
    const one = (id: UnitId) => {
      const u = units.get(id);
      if (u) this.grid.upsert(u);
    };
    switch (e.type) {
      case 'unit.added':
        return one(e.entry.id);
      case 'unit.location': {
        const u = units.get(e.unitId);
        if (u) this.grid.moved(u);
        return;
      }
      case 'unit.status':
      case 'unit.emergency':
      case 'unit.accreditation':
      case 'allocation.created':
        return one(e.unitId);
      case 'incident.transition':
        // Resolving, closing or cancelling frees the incident's officers.
        for (const a of this.service.incident(e.incidentId)?.allocations ?? []) one(a.unitId);
        return;
      case 'unit.bwv':
      case 'incident.created':
      case 'incident.report_linked':
      case 'allocation.acknowledged':
      case 'allocation.escalated':
      case 'allocation.sent':
      case 'pspo.zones_loaded':
        return;
      default:
        // An event this index does not know may change officers: rebuild before the next ranking.
        this.gridNeedsFullSync = true;
    }
  }

  recommend(id: IncidentId, limit?: number): Result<Recommendation> {
    const i = this.service.incident(id);
    if (!i) return fail(`No incident ${id}.`, 'not_found');
    if (!this.gridBuilt || this.gridNeedsFullSync) {
      this.grid.sync(this.service.state.units.values());
      this.gridBuilt = true;
      this.gridNeedsFullSync = false;
    }
    const s = limit ? { ...this.settings, limit } : this.settings;
    return ok(recommendUnits(i, this.service.state.units, this.service.state.incidents, this.grid, this.service.now(), s, this.roads()));
  }

  /** Where the officers allocated to an incident have to go: along roads where a map is imported. */
  routes(id: IncidentId): Result<AllocatedRoute[]> {
    const i = this.service.incident(id);
    if (!i) return fail(`No incident ${id}.`, 'not_found');
    return ok(allocatedRoutes(i, this.service.state.units, this.roads(), this.settings));
  }
}
