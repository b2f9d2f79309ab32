/** What the tests and the benchmark share to run a server in a child process. */
import { createServer, type AddressInfo } from 'node:net';

/** A port free right now: the servers take PORT from the environment and do not report the one they got. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}
