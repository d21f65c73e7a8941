import type { SendMailOptions } from 'nodemailer';
import type { OutgoingMail } from './mail-transport';

/** The nodemailer message for a notification: both transports build the same MIME message. */
export function toMailOptions(mail: OutgoingMail): SendMailOptions {
  return {
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    inReplyTo: mail.threadId,
    references: [mail.threadId],
    date: mail.date,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
