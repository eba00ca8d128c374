import type { IntakeHealth } from '../contract.js';
import type { LatLon, Prohibition, RepeatLocationFlag } from '../domain/incidents.js';
import type { RoadNetwork } from '../routing/road-graph.js';
import type { TelemetryMessage } from '../ports.js';
import type { ConsoleService } from '../services/console-service.js';
import { routeTopic, type TopicRoute } from '../wire/topics.js';
import { DeviceAssignments, type DeviceAssignmentOptions } from './device-assignments.js';
import { prohibitionsAt, type PspoZoneCollection, zonesAt } from './pspo.js';
import { PspoZones } from './pspo-zones.js';
import { DEFAULT_RANKING, type RankingSettings } from './ranking.js';
import { Recommendations } from './recommendations.js';
import { DEFAULT_REPEAT_SETTINGS, repeatLocationAt, type RepeatSettings } from './repeats.js';
import { ReportIntake } from './report-intake.js';

export interface DispatchDeskOptions extends DeviceAssignmentOptions {
  service: ConsoleService;
  /** The zones bundled in resources/, used until a supervisor loads others. */
  defaultZones: PspoZoneCollection;
  repeat?: Partial<RepeatSettings>;
  ranking?: Partial<RankingSettings>;
  /** The imported road network, if any: officers are then ranked by time along roads. */
  roads?: () => RoadNetwork | null;
}

export interface IncidentTags {
  pspoZones: string[];
  prohibitions: Prohibition[];
  repeatLocation: RepeatLocationFlag | null;
}

/**
 * The dispatcher's desk: puts together the parts that each do one job (recommendations,
 * assignments to devices, reports from outside, PSPO zones), tags new incidents, and routes the
 * MQTT messages that belong to dispatch.
 */
export class DispatchDesk {
  readonly recommendations: Recommendations;
  readonly assignments: DeviceAssignments;
  readonly reports: ReportIntake;
  readonly zones: PspoZones;
  readonly service: ConsoleService;

  constructor(private readonly opts: DispatchDeskOptions) {
    const service = (this.service = opts.service);
    this.recommendations = new Recommendations(service, { ...DEFAULT_RANKING, ...opts.ranking }, opts.roads ?? (() => null));
    this.assignments = new DeviceAssignments(service, opts);
    this.reports = new ReportIntake(service, { ...DEFAULT_REPEAT_SETTINGS, ...opts.repeat });
    this.zones = new PspoZones(service, opts.defaultZones);
  }

  /** Call once the telemetry source is started: assignments left undelivered or unacknowledged are taken up again. */
  start(): void {
    this.assignments.start();
  }

  stop(): void {
    this.assignments.stop();
  }

  tags(location: LatLon, at: number): IncidentTags {
    const zones = this.zones.current;
    return {
      pspoZones: zonesAt(zones, location),
      prohibitions: prohibitionsAt(zones, location, at),
      repeatLocation: repeatLocationAt(this.service.state.incidents.values(), location, at, this.reports.repeat),
    };
  }

  /** Takes MQTT messages that belong to dispatch (intake, acknowledgements, our own assignments). */
  handleMessage = (m: TelemetryMessage, route: TopicRoute | null = routeTopic(m.topic, this.opts.prefix)): boolean => {
    switch (route?.to) {
      case 'intake':
        this.reports.fromPartner(m.payload);
        return true;
      case 'ack':
        this.assignments.acknowledged(route.unitId, m.payload, m.topic);
        return true;
      case 'assignment':
        // The host hears its own assignments through the units/+/+ subscription; they are not telemetry.
        return true;
      default:
        return false;
    }
  };

  health(): IntakeHealth {
    return { ...this.reports.health(), assignments: this.assignments.health() };
  }
}
