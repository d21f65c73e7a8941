import { Command } from 'commander';
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { systemClock } from '../../../../api/src/runtime/runtime';
import { withEvidence } from '../shared/evidence-session';
import {
  CouldNotCheck,
  EXIT_EVIDENCE_FOUND,
  failuresExitWith2,
  withAuditExitCodes,
} from './audit-exit-codes';
import { auditBundleLines } from './audit-bundle';
import { readCase } from './case-stream';
import { caseVerdict, describeCaseVerdict, isIntact } from './case-verdict';
import { headHashOf } from './evidence-log';

/**
 * `export <caseId>`: writes the case's audit bundle (JSON lines: a header with the verification
 * result and head hash, then every event as stored, hashes included) to a file, or stdout with `-o -`.
 * The result is `replay`'s and the integrity endpoint's: the chain, and the stream's end against
 * what the read models applied (`intact: null` when there are none to hold it against).
 */
export function registerExportCommand(program: Command): void {
  withAuditExitCodes(program.command('export <caseId>'))
    .description(
      "Write a case's audit bundle: JSON lines with every event and its hashes, and whether the case is intact",
    )
    .option('-o, --output <file>', 'where to write it ("-" for stdout); default <caseId>.audit.jsonl')
    .action(
      failuresExitWith2(async (caseIdOrStream: string, options: { output?: string }) => {
        await withEvidence('optional', async (evidence) => {
          const record = await readCase(evidence.log, evidence.readModels, caseIdOrStream);
          if (!record) throw new CouldNotCheck(`No case ${caseIdOrStream}`);
          const { caseId, stream, entries } = record;
          const exportedAt = systemClock.now().toISOString();
          const verdict = caseVerdict(record, evidence, exportedAt);
          const lines = auditBundleLines(caseId, stream, entries, exportedAt, verdict);
          const output = options.output ?? `${caseId}.audit.jsonl`;
          if (output !== '-' && existsSync(output))
            throw new CouldNotCheck(`${output} already exists; an audit bundle is never overwritten`);
          if (output === '-') {
            process.stdout.write(`${lines.join('\n')}\n`);
          } else {
            const file = createWriteStream(output, { flags: 'wx' });
            for (const line of lines) if (!file.write(`${line}\n`)) await once(file, 'drain');
            file.end();
            await once(file, 'finish');
            process.stderr.write(`Wrote ${entries.length} events of ${stream} to ${output}\n`);
          }
          const intact = isIntact(verdict);
          if (intact !== true) {
            const said = describeCaseVerdict(verdict, headHashOf(entries));
            process.stderr.write(`${intact === false ? 'Warning' : 'Note'}: ${said}\n`);
          }
          if (intact === false) process.exitCode = EXIT_EVIDENCE_FOUND;
        });
      }),
    );
}
