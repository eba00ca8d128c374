import { describe, expect, it } from 'vitest';
import { assignmentAckTopic, assignmentTopic } from '../dispatch/assignment.js';
import { intakeTopic } from '../dispatch/intake.js';
import { routeTopic } from './topics.js';

const route = (topic: string) => routeTopic(topic, 'beacon/v1');

describe('MQTT topics, read once', () => {
  it('tells telemetry, assignments, acknowledgements, intake, radio and OwnTracks apart', () => {
    expect(route('beacon/v1/units/pc01/location')).toEqual({ to: 'telemetry', unitId: 'pc01', kind: 'location' });
    expect(route('beacon/v1/units/pc01/bwv')).toEqual({ to: 'telemetry', unitId: 'pc01', kind: 'bwv' });
    expect(route(assignmentTopic('beacon/v1', 'pc01'))).toEqual({ to: 'assignment', unitId: 'pc01' });
    expect(route(assignmentAckTopic('beacon/v1', 'pc01'))).toEqual({ to: 'ack', unitId: 'pc01' });
    expect(route(intakeTopic('beacon/v1'))).toEqual({ to: 'intake' });
    expect(route('beacon/v1/radio/2350007/lip')).toEqual({ to: 'radio', issi: 2350007 });
    expect(route('owntracks/jane/phone')).toEqual({ to: 'owntracks', device: 'jane/phone' });
    expect(routeTopic('phones/jane/phone', 'beacon/v1', 'phones')).toEqual({ to: 'owntracks', device: 'jane/phone' });
  });

  it('refuses everything else', () => {
    for (const t of [
      'beacon/v2/units/pc01/location',
      'beacon/v1/units/pc01/weather',
      'beacon/v1/units/pc 01/location',
      'beacon/v1/units/pc01/location/extra',
      'beacon/v1/units/pc01/assignment/ack/x',
      'beacon/v1/units/pc01',
      'beacon/v1/intake/x',
      'beacon/v1/radio/abc/lip',
      'beacon/v1/radio/99999999/lip',
      'owntracks/jane/phone/event',
      'owntracks/jane',
    ])
      expect([t, route(t)]).toEqual([t, null]);
  });
});
