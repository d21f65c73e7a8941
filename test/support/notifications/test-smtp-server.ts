import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A message as the server received it, parsed back with mailparser. */
export interface ReceivedMail {
  /** RCPT TO addresses, lower-cased. */
  envelopeTo: string[];
  messageId: string;
  inReplyTo?: string;
  references: string[];
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  date?: Date;
}

export interface TestSmtpServerOptions {
  /** Refuse this many delivery attempts (at MAIL FROM, with a temporary 451) before accepting any. */
  refuseFirst?: number;
  /**
   * Called once a whole message has been received and recorded, before the server answers 250:
   * the moment to kill a sender so that it never learns its message arrived.
   */
  beforeReply?: (mail: ReceivedMail) => void | Promise<void>;
  /**
   * Greet, answer EHLO, then never answer MAIL FROM: a hung server, each attempt waiting for the
   * sender's socket timeout. `close()` drops such connections after 200 ms.
   */
  neverAnswerMailFrom?: boolean;
}

/** A real SMTP server on a free local port, started by a test; what it receives is parsed and kept. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  refusals = 0;
  /** MAIL FROM commands left unanswered (`neverAnswerMailFrom`): sends now waiting on this server. */
  mailFromsUnanswered = 0;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
    let refusalsLeft = options.refuseFirst ?? 0;
    // The handlers need the instance, which needs the listening server: filled in once listening.
    const self: { instance?: TestSmtpServer } = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // A sender's pooled connection stays open until it closes it: a test closing the server
      // first drops it after a moment, instead of waiting smtp-server's default 30 s.
      closeTimeout: 200,
      onMailFrom(_address, _session, callback) {
        if (options.neverAnswerMailFrom) {
          self.instance!.mailFromsUnanswered += 1;
          return;
        }
        if (refusalsLeft > 0) {
          refusalsLeft -= 1;
          self.instance!.refusals += 1;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        void (async () => {
          const mail = toReceived(await simpleParser(stream), session);
          self.instance!.record(mail);
          await options.beforeReply?.(mail);
        })().then(
          () => callback(),
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.server.address() as AddressInfo).port;
    self.instance = new TestSmtpServer(server, port);
    return self.instance;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves once `condition` holds over what was received; fails after `timeoutMs`. */
  waitFor(condition: (received: ReceivedMail[]) => boolean, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition(this.received)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`SMTP server: condition not met; received ${this.received.length} messages`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private record(mail: ReceivedMail): void {
    this.received.push(mail);
    for (const waiter of [...this.waiters]) waiter();
  }
}

function toReceived(
  parsed: Awaited<ReturnType<typeof simpleParser>>,
  session: SMTPServerSession,
): ReceivedMail {
  const references = parsed.references === undefined ? [] : [parsed.references].flat();
  return {
    envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
    messageId: parsed.messageId ?? '',
    ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
    references,
    from: addresses(parsed.from).join(', '),
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    ...(parsed.date ? { date: parsed.date } : {}),
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  return [field]
    .flat()
    .flatMap((group) => group.value.map((address) => (address.address ?? '').toLowerCase()));
}
