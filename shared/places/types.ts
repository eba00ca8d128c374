/** What a found place is: the dispatcher reads it beside the name to tell two Bridge Streets apart. */
export type PlaceKind = 'street' | 'landmark' | 'place' | 'postcode' | 'address' | 'grid reference' | 'coordinates';

/** One answer to "where is that?": the public shape of `GET /api/places`. */
export interface Place {
  kind: PlaceKind;
  name: string;
  /** Ward or district (and, for a landmark, what it is), so repeated names can be told apart. */
  detail: string;
  lat: number;
  lon: number;
}
