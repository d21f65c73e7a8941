import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { MailDeliveryError, type OutgoingMail } from './mail-transport';
import { SmtpMailTransport } from './smtp-mail-transport';

const mail: OutgoingMail = {
  messageId: '<e1.0123456789abcdef@casetrail>',
  from: 'Casetrail <notifications@casetrail.test>',
  to: { address: 'tom@acme.example' },
  subject: 'Case updated',
  text: 'text body',
  html: '<p>html body</p>',
  threadId: '<case-1@casetrail>',
  date: new Date('2026-03-02T09:30:00.000Z'),
};

describe('SmtpMailTransport', () => {
  let server: SMTPServer;
  let reply: { code: number; message: string } | undefined;
  const received: string[] = [];
  let connections = 0;
  const opened: SmtpMailTransport[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect(_session, callback) {
        connections += 1;
        callback();
      },
      onRcptTo(_address, _session, callback) {
        callback(reply ? Object.assign(new Error(reply.message), { responseCode: reply.code }) : undefined);
      },
      onData(stream, _session, callback) {
        void simpleParser(stream).then((parsed) => {
          received.push(`${parsed.messageId} ${parsed.inReplyTo} ${parsed.subject}`);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  });

  // A pooled transport keeps its connection open until closed (the server would wait 30 s for it).
  afterEach(() => Promise.all(opened.splice(0).map((transport) => transport.close())));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const transport = () => {
    const opening = new SmtpMailTransport(
      `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    );
    opened.push(opening);
    return opening;
  };

  it('sends the message with its Message-ID and thread', async () => {
    reply = undefined;
    await transport().send(mail);
    expect(received).toEqual(['<e1.0123456789abcdef@casetrail> <case-1@casetrail> Case updated']);
  });

  it('sends one message after another over one connection, not a connection each', async () => {
    reply = undefined;
    received.length = 0;
    connections = 0;
    const sender = transport();
    for (const n of [1, 2, 3])
      await sender.send({ ...mail, messageId: `<e${n}.0123456789abcdef@casetrail>` });
    expect(received.map((line) => line.split(' ')[0])).toEqual([
      '<e1.0123456789abcdef@casetrail>',
      '<e2.0123456789abcdef@casetrail>',
      '<e3.0123456789abcdef@casetrail>',
    ]);
    expect(connections).toBe(1);
  });

  it('reports a 4xx refusal as temporary and a 5xx refusal as permanent', async () => {
    reply = { code: 451, message: 'Try again later' };
    await expect(transport().send(mail)).rejects.toMatchObject({ permanent: false, responseCode: 451 });
    reply = { code: 550, message: 'No such user' };
    const refusal = await transport()
      .send(mail)
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MailDeliveryError);
    expect(refusal).toMatchObject({ permanent: true, responseCode: 550 });
    expect((refusal as Error).message).toMatch(/^550/);
  });

  it('reports an unreachable server as temporary', async () => {
    const nowhere = new SmtpMailTransport('smtp://127.0.0.1:1');
    await expect(nowhere.send(mail)).rejects.toMatchObject({ permanent: false });
  });

  it('describes itself without credentials', () => {
    expect(new SmtpMailTransport('smtp://user:secret@mail.example:587').description).toBe(
      'SMTP (smtp://mail.example:587)',
    );
  });
});
