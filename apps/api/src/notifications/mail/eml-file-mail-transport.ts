import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import { toMailOptions } from './mail-options';
import { MailDeliveryError, type MailTransport, type OutgoingMail } from './mail-transport';

/** The file a notification is written to: its Message-ID without the angle brackets. */
export function emlFileName(messageId: string): string {
  return `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9@._-]/g, '_')}.eml`;
}

/**
 * The embedded default: each notification becomes DATA_DIR/outbox/<message-id>.eml, the exact MIME
 * message an SMTP server would have received (built by nodemailer's stream transport). Written to
 * a temporary file, flushed, then renamed, so a reader never sees half a message; a resend of the
 * same notification replaces its file with the same message.
 */
export class EmlFileMailTransport implements MailTransport {
  readonly description: string;
  private readonly composer: Transporter<StreamTransport.SentMessageInfo>;

  constructor(private readonly directory: string) {
    this.composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    this.description = `.eml files in ${directory}`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const { message } = await this.composer.sendMail(toMailOptions(mail));
    const target = path.join(this.directory, emlFileName(mail.messageId));
    const temporary = `${target}.${randomUUID()}.tmp`;
    try {
      await fs.mkdir(this.directory, { recursive: true });
      const file = await fs.open(temporary, 'w');
      try {
        await file.writeFile(message as Buffer);
        await file.sync();
      } finally {
        await file.close();
      }
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      // A full disk or a permission problem may be fixed by the operator: worth retrying.
      throw new MailDeliveryError(`Could not write ${target}: ${(error as Error).message}`, false);
    }
  }

  async close(): Promise<void> {
    this.composer.close();
  }
}
