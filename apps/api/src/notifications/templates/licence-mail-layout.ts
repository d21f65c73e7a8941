import { escapeHtml } from './html';
import type { RenderedNotification } from './render-notification';

/** A group of lines (a paragraph each in HTML), or a request to send, shown as written. */
export type LicenceMailBlock = { lines: string[] } | { request: string };

/** What a mail about a licence (an invitation, an issue) says, in the order it says it. */
export interface LicenceMailParts {
  subject: string;
  greeting: string;
  headline: string;
  blocks: LicenceMailBlock[];
  facts: [string, string][];
  why: string;
}

/** The text and HTML of a licence mail: greeting, headline, the blocks, the facts table, why. */
export function layOutLicenceMail(parts: LicenceMailParts): RenderedNotification {
  return { subject: parts.subject, text: textBody(parts), html: htmlBody(parts) };
}

function textBody(parts: LicenceMailParts): string {
  const lines = [parts.greeting, '', `${parts.headline}.`, ''];
  for (const block of parts.blocks) {
    if ('request' in block) lines.push(`  ${block.request}`, '');
    else lines.push(...block.lines, '');
  }
  for (const [label, value] of parts.facts) lines.push(`${label}: ${value}`);
  lines.push('', '--', parts.why);
  return `${lines.join('\n')}\n`;
}

function htmlBody(parts: LicenceMailParts): string {
  const rows = parts.facts
    .map(
      ([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif">',
    `<p>${escapeHtml(parts.greeting)}</p>`,
    `<h2>${escapeHtml(parts.headline)}</h2>`,
    // A request to send, not a link: a browser following it would only GET the path.
    ...parts.blocks.flatMap((block) =>
      'request' in block
        ? [`<pre>${escapeHtml(block.request)}</pre>`]
        : block.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ),
    `<table>${rows}</table>`,
    `<hr><p style="color: #666">${escapeHtml(parts.why)}</p>`,
    '</body></html>',
  ].join('\n');
}
