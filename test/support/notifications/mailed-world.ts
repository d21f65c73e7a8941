import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../test-app';
import { NotificationWorld } from './notification-world';
import { TestSmtpServer, type TestSmtpServerOptions } from './test-smtp-server';

/** What a notification spec works with: the app, the SMTP server it mails, and the people. */
export interface MailedWorld {
  smtp: TestSmtpServer;
  t: TestApp;
  world: NotificationWorld;
}

/** How a spec's setting differs from the usual one. */
export interface MailedWorldOptions {
  /** More environment variables for the app (SUPPORT_TEAM_EMAIL, NOTIFY_MAX_ATTEMPTS...), restored after. */
  env?: Record<string, string>;
  /** How the test SMTP server behaves (refusing the first sends, say). */
  smtp?: TestSmtpServerOptions;
  /**
   * Settings the app alone reads (an operator's SUPPORT_POLICY_FILE, say): given to the app, which
   * reads only the environment it is started with, not set in process.env.
   */
  appEnv?: Record<string, string>;
  /**
   * An operator's support policy (the JSON of a SUPPORT_POLICY_FILE): written to a temporary file
   * the app is started with, removed after.
   */
  policy?: object;
}

/**
 * The setting of a spec that reads the mails the product sends: a test SMTP server, an app that
 * delivers to it (the outbox polled every 20 ms) and a NotificationWorld set up on a licence of
 * `plan`, started before the spec's tests and closed after them, the environment restored. `started`
 * receives them once they run, for the spec to keep under its own names.
 */
export function useMailedWorld(
  plan: 'enterprise' | 'mission-critical',
  started: (setting: MailedWorld) => void,
  options: MailedWorldOptions = {},
): void {
  const savedEnv = { ...process.env };
  let setting: MailedWorld | undefined;
  let policyDir: string | undefined;

  beforeAll(async () => {
    const smtp = await TestSmtpServer.start(options.smtp);
    Object.assign(process.env, { NOTIFY_POLL_MS: '20', ...options.env });
    const appEnv: Record<string, string> = { SMTP_URL: smtp.url, ...options.appEnv };
    if (options.policy) {
      policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-mailed-policy-'));
      appEnv.SUPPORT_POLICY_FILE = path.join(policyDir, 'policy.json');
      fs.writeFileSync(appEnv.SUPPORT_POLICY_FILE, JSON.stringify(options.policy));
    }
    const t = await startTestApp({ env: appEnv });
    setting = { smtp, t, world: await new NotificationWorld(t).setUp(plan) };
    started(setting);
  });

  afterAll(async () => {
    await setting?.t.close();
    await setting?.smtp.close();
    if (policyDir) fs.rmSync(policyDir, { recursive: true, force: true });
    process.env = savedEnv;
  });
}
