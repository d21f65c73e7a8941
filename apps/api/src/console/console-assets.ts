import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConsoleSettings } from './console-settings';

/** Hashed file names under assets/ never change content, so browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built console at `/` with @fastify/static. Routes are created per file at start
 * (`wildcard: false`), so there is no catch-all route: unknown paths, /v1 included, still reach
 * Nest's problem+json 404. Returns false when the console has not been built.
 */
export async function registerConsoleAssets(
  fastify: FastifyInstance,
  settings: ConsoleSettings,
): Promise<boolean> {
  if (!fs.existsSync(path.join(settings.directory, 'index.html'))) return false;
  const contentSecurityPolicy = consoleContentSecurityPolicy(settings);
  await fastify.register(fastifyStatic, {
    root: settings.directory,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (reply: FastifyReply, filePath: string) => {
      void reply.header('x-content-type-options', 'nosniff');
      if (path.basename(filePath) === 'index.html') {
        // The page must be revalidated so a new build's asset names are picked up at once.
        void reply.header('cache-control', 'no-cache');
        void reply.header('content-security-policy', contentSecurityPolicy);
        void reply.header('referrer-policy', 'no-referrer');
        void reply.header('x-frame-options', 'DENY');
      } else if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        void reply.header('cache-control', IMMUTABLE);
      } else {
        void reply.header('cache-control', 'no-cache');
      }
    },
  });
  return true;
}

/**
 * The page talks only to this API (and, with OIDC, to the provider's discovery and token
 * endpoints), runs only its own bundle and cannot be framed.
 */
export function consoleContentSecurityPolicy(settings: ConsoleSettings): string {
  const connect = ["'self'"];
  if (settings.signIn.mode === 'oidc') connect.push(new URL(settings.signIn.issuer).origin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
