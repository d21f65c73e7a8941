import type { NotificationSettings } from '../notification-settings';
import { EmlFileMailTransport } from './eml-file-mail-transport';
import type { MailTransport } from './mail-transport';
import { SmtpMailTransport } from './smtp-mail-transport';

/** SMTP when SMTP_URL is set; otherwise .eml files in DATA_DIR/outbox (the embedded default). */
export function openMailTransport(
  settings: Pick<NotificationSettings, 'smtpUrl' | 'outboxDir'>,
): MailTransport {
  return settings.smtpUrl
    ? new SmtpMailTransport(settings.smtpUrl)
    : new EmlFileMailTransport(settings.outboxDir);
}
