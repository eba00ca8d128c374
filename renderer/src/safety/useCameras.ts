import { useEffect, useState } from 'react';
import type { Camera } from '../../../shared/safety/cameras.js';
import { useHost } from '../host/HostContext.js';

/** The host's CCTV camera list, fetched once per console. */
export function useCameras(): Camera[] {
  const host = useHost();
  const [cameras, setCameras] = useState<Camera[]>([]);
  useEffect(() => {
    let live = true;
    void host.call('listCameras', {}).then((r) => {
      if (live && r.ok) setCameras(r.value);
    });
    return () => {
      live = false;
    };
  }, [host]);
  return cameras;
}
