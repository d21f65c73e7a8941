import { loadConfig } from '../config/app-config';
import { loadNotificationSettings } from './notification-settings';

const config = loadConfig({
  DATA_DIR: '/var/casetrail',
  PORT: '8080',
  AUTH_JWT_SECRET: 'a-test-secret-long-enough-for-hs256',
});

describe('loadNotificationSettings', () => {
  it('defaults to .eml files in DATA_DIR/outbox, eight attempts and the built-in support team address', () => {
    expect(loadNotificationSettings(config, {})).toEqual({
      outboxDir: '/var/casetrail/outbox',
      from: 'Casetrail <notifications@casetrail.local>',
      supportTeam: ['support-team@casetrail.local'],
      publicUrl: 'http://localhost:8080',
      maxAttempts: 8,
      retryBaseMs: 30_000,
      retryMaxMs: 3_600_000,
      pollIntervalMs: 1_000,
      batchSize: 50,
      leaseTtlMs: 15_000,
      lateAfterMs: 120_000,
      retentionDays: 30,
      runInProcess: true,
    });
  });

  it('reads SMTP_URL from the application config and the NOTIFY_* variables', () => {
    const smtp = loadConfig({
      DATA_DIR: '/d',
      SMTP_URL: 'smtp://mail.example:25',
      EMBEDDED_PROJECTOR: 'false',
    });
    expect(
      loadNotificationSettings(smtp, {
        NOTIFY_MAX_ATTEMPTS: '3',
        SUPPORT_TEAM_EMAIL: 'Oncall@Vendor.example, tier2@vendor.example',
        PUBLIC_URL: 'https://support.example/',
      }),
    ).toMatchObject({
      smtpUrl: 'smtp://mail.example:25',
      maxAttempts: 3,
      supportTeam: ['oncall@vendor.example', 'tier2@vendor.example'],
      publicUrl: 'https://support.example',
      runInProcess: false,
    });
  });

  it('refuses values that make no sense, naming the variable', () => {
    expect(() => loadNotificationSettings(config, { NOTIFY_MAX_ATTEMPTS: '0' })).toThrow(
      /NOTIFY_MAX_ATTEMPTS/,
    );
    expect(() => loadNotificationSettings(config, { NOTIFY_RETRY_BASE_MS: 'soon' })).toThrow(
      /NOTIFY_RETRY_BASE_MS/,
    );
    expect(() => loadNotificationSettings(config, { SUPPORT_TEAM_EMAIL: 'support team' })).toThrow(
      /SUPPORT_TEAM_EMAIL/,
    );
    expect(() => loadNotificationSettings(config, { NOTIFY_IN_PROCESS: 'maybe' })).toThrow(
      /NOTIFY_IN_PROCESS/,
    );
    // A message without a From header, or a link that runs script, is worse than not starting.
    for (const from of ['not an address', 'a@b.example, c@d.example', 'Support <>'])
      expect(() => loadNotificationSettings(config, { NOTIFY_FROM: from })).toThrow(/NOTIFY_FROM/);
    for (const url of ['javascript:alert(1)//', 'support.example', 'ftp://support.example'])
      expect(() => loadNotificationSettings(config, { PUBLIC_URL: url })).toThrow(/PUBLIC_URL/);
    expect(loadNotificationSettings(config, { NOTIFY_FROM: 'Support Desk <desk@vendor.example>' }).from).toBe(
      'Support Desk <desk@vendor.example>',
    );
  });

  it('reads how long a due notification may wait before /health calls delivery late, a second at least', () => {
    expect(loadNotificationSettings(config, { NOTIFY_LATE_AFTER_MS: '300000' }).lateAfterMs).toBe(300_000);
    expect(() => loadNotificationSettings(config, { NOTIFY_LATE_AFTER_MS: '500' })).toThrow(
      /NOTIFY_LATE_AFTER_MS must be an integer of at least 1000/,
    );
  });

  it('reads how many days sent notifications stay in the outbox, a day to a century', () => {
    expect(loadNotificationSettings(config, { NOTIFY_RETENTION_DAYS: '7' }).retentionDays).toBe(7);
    for (const days of ['0', '36501', 'a week', '-1'])
      expect(() => loadNotificationSettings(config, { NOTIFY_RETENTION_DAYS: days })).toThrow(
        /NOTIFY_RETENTION_DAYS must be an integer from 1 to 36500/,
      );
  });

  it('refuses integers not written in decimal digits, which Number() read as others', () => {
    expect(() => loadNotificationSettings(config, { NOTIFY_BATCH_SIZE: '0x10' })).toThrow(
      'Invalid configuration: NOTIFY_BATCH_SIZE must be an integer of at least 1 in decimal digits, got "0x10"',
    );
    expect(() => loadNotificationSettings(config, { NOTIFY_RETRY_BASE_MS: '3e4' })).toThrow(
      /NOTIFY_RETRY_BASE_MS must be an integer/,
    );
  });

  it('refuses a retry cap below the first retry delay, naming both (every attempt would go at once)', () => {
    expect(() =>
      loadNotificationSettings(config, { NOTIFY_RETRY_BASE_MS: '60000', NOTIFY_RETRY_MAX_MS: '1000' }),
    ).toThrow(
      'Invalid configuration: NOTIFY_RETRY_MAX_MS must be at least NOTIFY_RETRY_BASE_MS (60000), the first retry\'s delay, got "1000"',
    );
    // A base raised past the default cap is refused too, saying the cap is the default.
    expect(() => loadNotificationSettings(config, { NOTIFY_RETRY_BASE_MS: '7200000' })).toThrow(
      "NOTIFY_RETRY_MAX_MS must be at least NOTIFY_RETRY_BASE_MS (7200000), the first retry's delay, got 3600000 (its default)",
    );
    expect(
      loadNotificationSettings(config, { NOTIFY_RETRY_BASE_MS: '5000', NOTIFY_RETRY_MAX_MS: '5000' }),
    ).toMatchObject({ retryBaseMs: 5000, retryMaxMs: 5000 });
  });
});
