/** A PTZ act as the audit records it: what the operator did, not every motor step. */
export type PtzAct =
  | { kind: 'move'; pan: number; tilt: number; zoom: number }
  | { kind: 'stop' }
  | { kind: 'preset'; preset: string }
  | { kind: 'absolute'; pan: number; tilt: number; zoom: number };
