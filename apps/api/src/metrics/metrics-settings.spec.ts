import { loadMetricsSettings } from './metrics-settings';

const GOOD_TOKEN = '3f9c2a7e5b1d4c8f9a0e6b2d7c1f4a8e';

describe('loadMetricsSettings', () => {
  it('leaves /metrics public when METRICS_TOKEN is unset or blank', () => {
    expect(loadMetricsSettings({})).toEqual({});
    expect(loadMetricsSettings({ METRICS_TOKEN: '  ' })).toEqual({});
  });

  it('takes a long enough token, trimmed as every setting is', () => {
    expect(loadMetricsSettings({ METRICS_TOKEN: ` ${GOOD_TOKEN}\n` })).toEqual({ token: GOOD_TOKEN });
  });

  it('refuses a token short enough to guess, naming the variable and the length it has', () => {
    expect(() => loadMetricsSettings({ METRICS_TOKEN: 'prometheus' })).toThrow(
      'Invalid configuration: METRICS_TOKEN must be at least 32 characters (openssl rand -hex 16 prints one), got 10',
    );
  });

  it('refuses a token no Authorization header could carry as one bearer token', () => {
    expect(() => loadMetricsSettings({ METRICS_TOKEN: `${GOOD_TOKEN} second-part` })).toThrow(
      /METRICS_TOKEN may hold only letters, digits/,
    );
    expect(() => loadMetricsSettings({ METRICS_TOKEN: `"${GOOD_TOKEN}"` })).toThrow(/METRICS_TOKEN/);
  });
});
