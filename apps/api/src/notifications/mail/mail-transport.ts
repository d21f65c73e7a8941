/** One rendered notification, ready to go to one recipient. */
export interface OutgoingMail {
  /** `<...@casetrail>`, stable per notification: a resend carries the same one. */
  messageId: string;
  from: string;
  to: { address: string; name?: string };
  subject: string;
  text: string;
  html: string;
  /** The case's thread: sent as In-Reply-To and References so clients group a case's messages. */
  threadId: string;
  /** The change's instant, so a resend is byte-for-byte the same message apart from MIME boundaries. */
  date: Date;
}

/** Where notifications go: an SMTP server, or .eml files for the embedded default. */
export interface MailTransport {
  /** Human-readable, for logs and /health (no credentials). */
  readonly description: string;
  /** Resolves once the message is accepted; rejects with MailDeliveryError. */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/**
 * A failed send. `permanent` when retrying cannot help (an SMTP 5xx reply: the server refused the
 * message or the recipient for good), so the notification goes straight to the dead-letter list.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}
