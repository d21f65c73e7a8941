import { createTransport, type Transporter } from 'nodemailer';
import { toMailOptions } from './mail-options';
import { MailDeliveryError, type MailTransport, type OutgoingMail } from './mail-transport';

/** Bounded waits, so a server that stops answering fails an attempt (retried later) instead of hanging the worker. */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * Sends through an SMTP server with nodemailer. SMTP_URL carries host, port, credentials and
 * nodemailer's URL options (e.g. `smtps://user:pass@mail.example:465`, `smtp://host:25?pool=false`).
 *
 * Pooled by default: consecutive messages go over one open connection instead of a connection,
 * greeting and EHLO (and the server's reverse lookup) each, which held delivery to 8-9 mails/s;
 * pooled, the same worker sends over 100 a second. The worker sends one message at a time, so one
 * connection is all the pool opens. The pool sends a message again over a new connection only when
 * not a byte of it went over the old one (a server that closed an idle connection); a connection
 * lost after the message was sent fails the attempt, as without the pool, and the worker retries
 * it as any failure. Idle connections are closed after four minutes (nodemailer's default), before
 * servers time them out.
 */
export class SmtpMailTransport implements MailTransport {
  readonly description: string;
  private readonly transporter: Transporter;

  constructor(smtpUrl: string) {
    this.transporter = createTransport({ pool: true, maxConnections: 1, url: smtpUrl, ...TIMEOUTS });
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
