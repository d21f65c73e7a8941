import { isIP } from 'node:net';
import { ConfigError } from './config-error';
import { nonEmpty } from './environment-values';

/**
 * The address the API listens on (HOST). Loopback by default: `npm start` on a laptop serves the
 * API, the console, /health and /metrics to this machine only, not to everyone on the café's
 * network. A container sets 0.0.0.0 (the Dockerfile does), or its published port reaches nothing.
 */
export const DEFAULT_LISTEN_HOST = '127.0.0.1';

/**
 * An IP address, written as such (IPv6 with or without brackets), or `localhost` (read as
 * 127.0.0.1, so the log and the bind agree). A host name is refused: what it resolves to can
 * change, and which interface it would expose is not visible in the setting.
 */
export function listenHost(value: string | undefined): string {
  const raw = nonEmpty(value);
  if (raw === undefined) return DEFAULT_LISTEN_HOST;
  if (raw.toLowerCase() === 'localhost') return DEFAULT_LISTEN_HOST;
  const address = raw.replace(/^\[(.*)\]$/, '$1');
  if (isIP(address) === 0)
    throw new ConfigError(
      'HOST',
      'must be an IP address to listen on (127.0.0.1 for this machine only, the default; 0.0.0.0 for every ' +
        `IPv4 interface; :: for every interface), got "${raw}"`,
    );
  return address;
}

/** Whether `host` listens on every interface (anyone who can reach the machine can connect). */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** The URL the listen log line names: the address itself, IPv6 in brackets. */
export function listenUrl(host: string, port: number): string {
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

/**
 * The log line's words for where the API can be reached: the address it really binds, and, for a
 * wildcard, that it is every interface and which URL works from this machine.
 */
export function listeningLine(host: string, port: number): string {
  const url = listenUrl(host, port);
  if (isWildcardHost(host))
    return (
      `API listening on ${url}, every interface (HOST=${host}): reachable from other machines; ` +
      `from this one http://localhost:${port} (OpenAPI at http://localhost:${port}/docs)`
    );
  return `API listening on ${url} (HOST=${host}; OpenAPI at ${url}/docs)`;
}
