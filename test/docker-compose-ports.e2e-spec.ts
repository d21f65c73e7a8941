import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * EventStoreDB runs insecure (no TLS, no login) and MongoDB without authentication: published as
 * `2113:2113` and `27017:27017`, anyone who could reach the host could read and rewrite the events
 * and read models. The services reach them on the compose network; the host sees them on its
 * loopback interface only (for the contract suites run there).
 */
describe('docker-compose.yml publishes the unauthenticated stores on the loopback interface only', () => {
  const compose = readFileSync(path.resolve(__dirname, '..', 'docker-compose.yml'), 'utf8');
  const service = (name: string) => new RegExp(`\\n  ${name}:\\n((?:    .*\\n|\\s*\\n)*)`).exec(compose)![1];
  const published = (name: string) =>
    [...service(name).matchAll(/^ {4}ports: \[(.*)\]$/gm)].flatMap(([, list]) =>
      list.split(',').map((entry) => entry.trim().replace(/^"|"$/g, '')),
    );

  it.each([
    ['eventstore', '127.0.0.1:2113:2113'],
    ['mongodb', '127.0.0.1:27017:27017'],
  ])('%s: %s', (name, binding) => {
    expect(published(name)).toEqual([binding]);
  });

  it('still publishes the API, which checks every token, on the host', () => {
    expect(published('api')).toEqual(['3000:3000']);
    // The API listens on loopback unless HOST says otherwise: the container's every interface here.
    expect(service('api')).toMatch(/^ {6}HOST: "0\.0\.0\.0"$/m);
  });
});
