import { webSeverityHint } from './severity-hint';

describe('webSeverityHint', () => {
  it('sends severity 1 to the phone only on plans with phone support', () => {
    expect(webSeverityHint(['enterprise'])).toMatch(/opened by phone: call support/);
    expect(webSeverityHint(['standard'])).toMatch(/no phone support: open it at severity 2/);
    expect(webSeverityHint(['standard', 'mission-critical'])).toMatch(
      /a standard licence has no phone support/,
    );
  });
});
