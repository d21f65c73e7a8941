import { severityLabel, severityName, useSeverityNames } from './labels';

describe('severity names', () => {
  it("are the built-in policy's in full before the server has said otherwise", () => {
    expect(severityName(3)).toBe('Question / Inconvenience / Cosmetic');
    expect(severityLabel(1)).toBe('S1 · Production System Down');
  });

  it("follow the server's policy once the console has booted, and name an unknown severity plainly", () => {
    useSeverityNames([
      { severity: 1, name: 'Outage' },
      { severity: 2, name: 'Degraded' },
      { severity: 3, name: 'Question' },
    ]);
    expect([1, 2, 3].map(severityLabel)).toEqual(['S1 · Outage', 'S2 · Degraded', 'S3 · Question']);
    expect(severityName(4)).toBe('Severity 4');
  });
});
