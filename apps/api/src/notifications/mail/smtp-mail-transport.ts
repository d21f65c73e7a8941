import { createTransport, type Transporter } from 'nodemailer';
import { toMailOptions } from './mail-options';
import { MailDeliveryError, type MailTransport, type OutgoingMail } from './mail-transport';

/** Bounded waits, so a server that stops answering fails an attempt (retried later) instead of hanging the worker. */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * Sends through an SMTP server with nodemailer. SMTP_URL carries host, port, credentials and
 * nodemailer's URL options (e.g. `smtps://user:pass@mail.example:465`, `smtp://host:25?pool=true`).
 */
export class SmtpMailTransport implements MailTransport {
  readonly description: string;
  private readonly transporter: Transporter;

  constructor(smtpUrl: string) {
    this.transporter = createTransport({ url: smtpUrl, ...TIMEOUTS });
    this.description = `SMTP (${redact(smtpUrl)})`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transporter.sendMail(toMailOptions(mail));
    } catch (error) {
      throw asDeliveryError(error);
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

/** 5xx replies are permanent refusals (RFC 5321), except 503 "bad sequence", which is the client's doing. */
function asDeliveryError(error: unknown): MailDeliveryError {
  const details = error as { message?: string; responseCode?: number; response?: string };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  const permanent =
    responseCode !== undefined && responseCode >= 500 && responseCode < 600 && responseCode !== 503;
  const message = details.response ?? details.message ?? String(error);
  return new MailDeliveryError(message, permanent, responseCode);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'configured';
  }
}
