import type { TestApp } from './test-app';

/**
 * `GET /health` (200: up or degraded, as the specs using it expect) and `GET /metrics` of an
 * in-process test app, the report typed as the spec reads it. Asked as an admin: only an admin's
 * token gets the full report (reasons, leases, counts); without one, /health shows statuses only.
 */
export function healthProbe<Body>(app: () => TestApp) {
  return {
    health: async (): Promise<Body> => {
      const admin = await app().token('admin@vendor.example', ['admin']);
      const response = await app().app.inject({
        method: 'GET',
        url: '/health',
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(response.statusCode).toBe(200);
      return response.json<Body>();
    },
    metrics: async (): Promise<string> => (await app().app.inject({ method: 'GET', url: '/metrics' })).body,
  };
}
