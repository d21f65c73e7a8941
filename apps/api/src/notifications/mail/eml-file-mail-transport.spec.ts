import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import { EmlFileMailTransport, emlFileName } from './eml-file-mail-transport';
import type { OutgoingMail } from './mail-transport';

const mail: OutgoingMail = {
  messageId: '<0b6f2c1e-aaaa-4bbb-8ccc-1234567890ab.0123456789abcdef@casetrail>',
  from: 'Casetrail <notifications@casetrail.test>',
  to: { address: 'tom@acme.example', name: 'Tom Team' },
  subject: '[Casetrail #1234567890ab] Checkout fails: New comment',
  text: 'New comment\n\nIt works again.\n',
  html: '<p>It works <b>again</b>.</p>',
  threadId: '<case-42@casetrail>',
  date: new Date('2026-03-02T09:30:00.000Z'),
};

describe('EmlFileMailTransport', () => {
  let directory: string;

  beforeEach(() => {
    directory = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-eml-')), 'outbox');
  });

  afterEach(() => fs.rmSync(path.dirname(directory), { recursive: true, force: true }));

  it('writes the whole MIME message to <message-id>.eml, and a resend replaces it with the same message', async () => {
    const transport = new EmlFileMailTransport(directory);
    await transport.send(mail);
    await transport.send(mail);
    await transport.close();

    expect(fs.readdirSync(directory)).toEqual([emlFileName(mail.messageId)]);
    const parsed = await simpleParser(fs.readFileSync(path.join(directory, emlFileName(mail.messageId))));
    expect(parsed.messageId).toBe(mail.messageId);
    expect(parsed.inReplyTo).toBe('<case-42@casetrail>');
    expect(parsed.references).toBe('<case-42@casetrail>');
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.text).toBe(mail.text);
    expect(parsed.html).toContain('<b>again</b>');
    expect(parsed.date?.toISOString()).toBe('2026-03-02T09:30:00.000Z');
    expect(parsed.headers.get('to')).toMatchObject({
      value: [{ address: 'tom@acme.example', name: 'Tom Team' }],
    });
  });

  it("keeps messages to the owner: the folder it makes 0700, each file 0600 (they hold customers' data)", async () => {
    const transport = new EmlFileMailTransport(directory);
    await transport.send(mail);
    await transport.close();

    expect(fs.statSync(directory).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(directory, emlFileName(mail.messageId))).mode & 0o777).toBe(0o600);
  });

  it('names files after the Message-ID without anything a file system could trip on', () => {
    expect(emlFileName('<a/b\\c.d@casetrail>')).toBe('a_b_c.d@casetrail.eml');
  });

  it('sweeps the temporary files of writes killed half-way, leaving a write that may be in progress', async () => {
    fs.mkdirSync(directory, { recursive: true });
    const name = (id: string) => `${emlFileName(mail.messageId)}.${id}.tmp`;
    const abandoned = name('1d6f2c1e-aaaa-4bbb-8ccc-1234567890ab');
    const inProgress = name('2d6f2c1e-aaaa-4bbb-8ccc-1234567890ab');
    fs.writeFileSync(path.join(directory, abandoned), 'half a mess');
    fs.writeFileSync(path.join(directory, inProgress), 'half a mess');
    const eleven = new Date(Date.now() - 11 * 60_000);
    fs.utimesSync(path.join(directory, abandoned), eleven, eleven);

    const transport = new EmlFileMailTransport(directory);
    await transport.send(mail);
    await transport.close();

    expect(fs.readdirSync(directory).sort()).toEqual([emlFileName(mail.messageId), inProgress].sort());
  });
});
