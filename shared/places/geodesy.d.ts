// geodesy ships no type declarations; these cover the parts the console uses.
declare module 'geodesy/osgridref.js' {
  export class LatLon {
    constructor(lat: number, lon: number);
    readonly lat: number;
    readonly lon: number;
    toOsGrid(): OsGridRef;
  }
  export default class OsGridRef {
    constructor(easting: number, northing: number);
    readonly easting: number;
    readonly northing: number;
    static parse(gridref: string): OsGridRef;
    toLatLon(): LatLon;
    toString(digits?: number): string;
  }
}
declare module 'geodesy/dms.js' {
  export default class Dms {
    static parse(dms: string): number;
  }
}
