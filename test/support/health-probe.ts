import type { TestApp } from './test-app';

/**
 * `GET /health` (200: up or degraded, as the specs using it expect) and `GET /metrics` of an
 * in-process test app, the report typed as the spec reads it.
 */
export function healthProbe<Body>(app: () => TestApp) {
  return {
    health: async (): Promise<Body> => {
      const response = await app().app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(200);
      return response.json<Body>();
    },
    metrics: async (): Promise<string> => (await app().app.inject({ method: 'GET', url: '/metrics' })).body,
  };
}
