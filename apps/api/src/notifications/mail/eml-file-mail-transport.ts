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

/** A temporary file this old was left by a process killed while writing it (a write takes milliseconds). */
export const ABANDONED_TEMPORARY_FILE_AGE_MS = 10 * 60_000;

/**
 * The embedded default: each notification becomes DATA_DIR/outbox/<message-id>.eml, the exact MIME
 * message an SMTP server would have received (built by nodemailer's stream transport). Written to
 * a temporary file, flushed, then renamed, so a reader never sees half a message; a resend of the
 * same notification replaces its file with the same message. A process killed mid-write leaves its
 * temporary file behind: the first send of each transport sweeps those that are old enough to be
 * nobody's work in progress, so the folder holds messages only.
 */
export class EmlFileMailTransport implements MailTransport {
  readonly description: string;
  private readonly composer: Transporter<StreamTransport.SentMessageInfo>;
  private swept?: Promise<void>;

  constructor(private readonly directory: string) {
    this.composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    this.description = `.eml files in ${directory}`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    this.swept ??= this.sweepAbandonedTemporaryFiles(Date.now());
    await this.swept;
    const { message } = await this.composer.sendMail(toMailOptions(mail));
    const target = path.join(this.directory, emlFileName(mail.messageId));
    const temporary = `${target}.${randomUUID()}.tmp`;
    try {
      // Messages hold customers' names, addresses and case text: the owner's alone, as the stores are.
      await fs.mkdir(this.directory, { recursive: true, mode: 0o700 });
      const file = await fs.open(temporary, 'w', 0o600);
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

  /** Removes temporary files older than ABANDONED_TEMPORARY_FILE_AGE_MS; a failure only leaves them. */
  async sweepAbandonedTemporaryFiles(now: number): Promise<void> {
    const names = await fs.readdir(this.directory).catch(() => [] as string[]);
    for (const name of names.filter((candidate) => /\.eml\.[0-9a-f-]{36}\.tmp$/.test(candidate))) {
      const file = path.join(this.directory, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && now - stat.mtimeMs >= ABANDONED_TEMPORARY_FILE_AGE_MS) await fs.rm(file, { force: true });
    }
  }

  async close(): Promise<void> {
    this.composer.close();
  }
}
