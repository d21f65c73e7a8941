import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/**
 * The Docker files, read as Docker would (no Docker engine here): what goes into the image, who
 * runs it, how its health is checked, and how compose runs it.
 */
const repoRoot = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

/** The Dockerfile's instructions, continuation lines joined. */
function dockerfileInstructions(): string[] {
  return read('Dockerfile')
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

describe('.dockerignore', () => {
  const patterns = new Set(
    read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );

  it("keeps the host's builds, stores, secrets and history out of the image", () => {
    // node_modules holds better-sqlite3 built for the host; data holds auth-jwt-secret.
    for (const hostOnly of ['node_modules', 'dist', 'data', '.env', '.git'])
      expect(patterns).toContain(hostOnly);
  });

  it('keeps in everything `npm ci` and `npm run build` read', () => {
    const build = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.build;
    const compiled = /^swc ((?:[\w-]+ )+)-d /.exec(build)![1].trim().split(' ');
    expect(compiled).toEqual(expect.arrayContaining(['apps', 'libs']));
    for (const input of [...compiled, 'package.json', 'package-lock.json', '.swcrc', 'tsconfig.json'])
      expect(patterns).not.toContain(input);
  });
});

describe('Dockerfile', () => {
  const instructions = dockerfileInstructions();
  const finalStage = instructions.slice(instructions.findLastIndex((line) => line.startsWith('FROM ')));

  it('runs as the unprivileged node user, who owns the data directory', () => {
    expect(finalStage).toContain('USER node');
    const user = finalStage.indexOf('USER node');
    const chown = finalStage.findIndex((line) => /^RUN .*chown -R node:node \/data\b/.test(line));
    expect(chown).toBeGreaterThan(-1);
    expect(chown).toBeLessThan(user);
    expect(finalStage).toContain('ENV NODE_ENV=production DATA_DIR=/data');
  });

  // The API listens on loopback by default (HOST): in a container nothing published would reach it.
  it('listens on every interface of the container (HOST=0.0.0.0), so its published port reaches the API', () => {
    expect(finalStage).toContain('ENV HOST=0.0.0.0');
  });

  describe('HEALTHCHECK', () => {
    /** The check's command, in exec form (no shell needed). */
    function healthcheckCommand(): string[] {
      const healthcheck = finalStage.find((line) => line.startsWith('HEALTHCHECK '));
      expect(healthcheck).toBeDefined();
      return JSON.parse(/ CMD (\[.*\])$/.exec(healthcheck!)![1]) as string[];
    }
    let server: Server;
    let status = 200;
    const requested: string[] = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        requested.push(request.url!);
        response.writeHead(request.url === '/health' ? status : 404).end('{}');
      }).listen(0, '127.0.0.1');
      await once(server, 'listening');
    });
    afterAll(() => server.close());

    /** Runs the check as the image would, with node from PATH, against the local server's port. */
    async function check(port: number): Promise<number | null> {
      const command = healthcheckCommand();
      expect(command[0]).toBe('node');
      const child = spawn(process.execPath, command.slice(1), {
        env: { ...process.env, PORT: String(port) },
        stdio: 'ignore',
      });
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    }
    const port = () => (server.address() as AddressInfo).port;

    it('is healthy while GET /health answers 200 on PORT', async () => {
      status = 200;
      expect(await check(port())).toBe(0);
      expect(requested.at(-1)).toBe('/health');
    });

    it('is unhealthy when /health answers 503 (a store down)', async () => {
      status = 503;
      expect(await check(port())).toBe(1);
    });

    it('is unhealthy when nothing listens', async () => {
      const probe = createServer().listen(0, '127.0.0.1');
      await once(probe, 'listening');
      const closedPort = (probe.address() as AddressInfo).port;
      probe.close();
      await once(probe, 'close');
      expect(await check(closedPort)).toBe(1);
    });
  });
});

describe('docker-compose.yml', () => {
  const compose = read('docker-compose.yml');
  /** A service's block: from its name to the next service or top-level key. */
  const service = (name: string) => new RegExp(`\\n  ${name}:\\n((?:    .*\\n|\\s*\\n)*)`).exec(compose)![1];

  it('ships no token secret: compose refuses to start until AUTH_JWT_SECRET is set', () => {
    expect(compose).not.toMatch(/change-me/);
    expect(compose).toMatch(/AUTH_JWT_SECRET: "\$\{AUTH_JWT_SECRET:\?[^}]*openssl rand -hex 32\}"/);
  });

  it('builds the image once, in api, and runs it as projector and notifier too', () => {
    expect(compose.match(/^\s+build:/gm)).toHaveLength(1);
    const image = /image: (\S+)/.exec(service('api'))![1];
    expect(service('api')).toMatch(/build:\n {6}context: \.\n/);
    for (const name of ['projector', 'notifier']) {
      expect(service(name)).toContain(`image: ${image}`);
      // The image's check asks for HTTP, which these do not serve.
      expect(service(name)).toContain('healthcheck: { disable: true }');
    }
  });

  // .git stays out of the build context: without the commit passed in, the image says unknown-commit.
  it('passes the build the commit to name (CASETRAIL_COMMIT from the environment), which the Dockerfile takes before building', () => {
    expect(service('api')).toMatch(/\n {6}args:\n {8}CASETRAIL_COMMIT: "\$\{CASETRAIL_COMMIT:-\}"\n/);
    const instructions = dockerfileInstructions();
    const declared = instructions.indexOf('ARG CASETRAIL_COMMIT');
    expect(declared).toBeGreaterThan(-1);
    expect(declared).toBeLessThan(instructions.findIndex((line) => /^RUN npm run build\b/.test(line)));
  });

  it('gives email links the public address, and the .eml outbox a volume', () => {
    expect(service('api')).toMatch(/PUBLIC_URL: "\$\{PUBLIC_URL:-http:\/\/localhost:3000\}"/);
    // The notifier takes the api's environment, PUBLIC_URL included.
    expect(service('notifier')).toContain('<<: *casetrail-env');
    expect(service('notifier')).toMatch(/volumes: \[mail-outbox:\/data\/outbox\]/);
    expect(compose).toMatch(/\nvolumes:\n(?: {2}.*\n)* {2}mail-outbox:/);
  });
});
