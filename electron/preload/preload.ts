import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BeaconBridge, OperationName, StreamMessage } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';

// Sandboxed preload: only `electron` may be required here, so the channel names are repeated
// from shared/contract.ts IPC (checked by test/unit/electron-bridge.test.ts).
const CALL = 'beacon:call';
const SUBSCRIBE = 'beacon:subscribe';
const STREAM = 'beacon:stream';

const bridge = {
  call: (name: OperationName, input: unknown) => ipcRenderer.invoke(CALL, name, input) as Promise<Result<unknown>>,
  subscribe(cb: (m: StreamMessage) => void) {
    const listener = (_e: IpcRendererEvent, m: StreamMessage) => cb(m);
    ipcRenderer.on(STREAM, listener);
    ipcRenderer.send(SUBSCRIBE);
    return () => {
      ipcRenderer.removeListener(STREAM, listener);
    };
  },
} satisfies BeaconBridge;

contextBridge.exposeInMainWorld('beacon', bridge);
