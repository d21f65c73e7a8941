import { Command } from 'commander';
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { verifyStreamChain } from '@casetrail/eventstore';
import { systemClock } from '../../../../api/src/runtime/runtime';
import { withEvidence } from '../shared/evidence-session';
import { auditBundleLines } from './audit-bundle';
import { describeBrokenLink } from './chain-walker';
import { readCaseStream } from './case-stream';

/**
 * `export <caseId>`: writes the case's audit bundle (JSON lines: a header with the verification
 * result and head hash, then every event as stored, hashes included) to a file, or stdout with `-o -`.
 */
export function registerExportCommand(program: Command): void {
  program
    .command('export <caseId>')
    .description("Write a case's audit bundle: JSON lines with every event and its hashes")
    .option('-o, --output <file>', 'where to write it ("-" for stdout); default <caseId>.audit.jsonl')
    .action(async (caseIdOrStream: string, options: { output?: string }) => {
      await withEvidence('none', async ({ eventStore }) => {
        const { caseId, stream, events } = await readCaseStream(eventStore, caseIdOrStream);
        if (events.length === 0) throw new Error(`No case ${caseIdOrStream}`);
        const broken = verifyStreamChain(events);
        const lines = auditBundleLines(caseId, stream, events, systemClock.now().toISOString(), broken);
        const output = options.output ?? `${caseId}.audit.jsonl`;
        if (output !== '-' && existsSync(output))
          throw new Error(`${output} already exists; an audit bundle is never overwritten`);
        if (output === '-') {
          process.stdout.write(`${lines.join('\n')}\n`);
        } else {
          const file = createWriteStream(output, { flags: 'wx' });
          for (const line of lines) if (!file.write(`${line}\n`)) await once(file, 'drain');
          file.end();
          await once(file, 'finish');
          process.stderr.write(`Wrote ${events.length} events of ${stream} to ${output}\n`);
        }
        if (broken) {
          process.stderr.write(`Warning: the hash chain is broken: ${describeBrokenLink(broken)}\n`);
          process.exitCode = 1;
        }
      });
    });
}
