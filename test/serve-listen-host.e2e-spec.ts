import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApiProcess } from './support/fault/api-process';
import { tempDir } from './support/fault/temp-dir';

/**
 * Where `casetrail serve` listens. It bound every interface (0.0.0.0) while its log said
 * "API listening on http://127.0.0.1:…" and the README said localhost, with no setting: `npm start`
 * on a laptop served the API, the console, /health and /metrics to the whole network. Now HOST
 * chooses the address, loopback by default, and the log names the address really bound.
 */
describe('serve listens on HOST, loopback by default, and logs the address it bound', () => {
  const parent = tempDir('serve-listen-host');
  afterAll(() => parent.remove());
  let runs = 0;

  /** The local addresses (hex, as the kernel writes them) of the IPv4 sockets listening on `port`. */
  function listeningAddresses(port: number): string[] {
    const portHex = port.toString(16).toUpperCase().padStart(4, '0');
    return readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[1]?.endsWith(`:${portHex}`) && fields[3] === '0A')
      .map((fields) => fields[1].split(':')[0]);
  }

  async function serveWith(env: Record<string, string>) {
    const api = await startApiProcess({ dataDir: join(parent.path, `data-${++runs}`), env });
    const port = Number(new URL(api.baseUrl).port);
    const line = /API listening on .*/.exec(api.output())![0];
    return { api, port, line, addresses: listeningAddresses(port) };
  }

  it('binds 127.0.0.1 only when HOST is unset, and says so', async () => {
    const { api, port, line, addresses } = await serveWith({ HOST: '' });
    try {
      expect(addresses).toEqual(['0100007F']);
      expect(line).toBe(
        `API listening on http://127.0.0.1:${port} (HOST=127.0.0.1; OpenAPI at http://127.0.0.1:${port}/docs)`,
      );
      const health = await fetch(`${api.baseUrl}/health`);
      expect(health.status).toBe(200);
      // Logged before "API listening": which build this is, as /health and `casetrail --version` say.
      const { release } = (await health.json()) as { release: string };
      expect(api.output()).toContain(`Casetrail ${release} (version `);
    } finally {
      await api.stop();
    }
  }, 120_000);

  it('binds every interface with HOST=0.0.0.0 (as the Docker image sets), and says so', async () => {
    const { api, port, line, addresses } = await serveWith({ HOST: '0.0.0.0' });
    try {
      expect(addresses).toEqual(['00000000']);
      expect(line).toBe(
        `API listening on http://0.0.0.0:${port}, every interface (HOST=0.0.0.0): reachable from other machines; ` +
          `from this one http://localhost:${port} (OpenAPI at http://localhost:${port}/docs)`,
      );
    } finally {
      await api.stop();
    }
  }, 120_000);
});
