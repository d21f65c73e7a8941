import { Command } from 'commander';
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { systemClock } from '../../../../api/src/runtime/runtime';
import { withEvidence } from '../shared/evidence-session';
import { createOwnerOnlyFile } from '../shared/owner-only-file';
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
import { policyArchiveExtract } from './policy-archive-extract';
import { POLICY_ARCHIVE_STREAM } from '../../../../api/src/policy-archive/policy-archive-stream';

/**
 * `export <caseId>`: writes the case's audit bundle (JSON lines: a header with the verification
 * result and head hash, then every event as stored, hashes included, then the policy archive's
 * events of the versions its targets were computed under) to a file, or stdout with `-o -`.
 * The file is its owner's alone (0600): it holds internal notes and customers' emails.
 * The result is `replay`'s and the integrity endpoint's: the chain, and the stream's end against
 * what the read models applied (`intact: null` when there are none to hold it against).
 */
export function registerExportCommand(program: Command): void {
  withAuditExitCodes(program.command('export'))
    .argument('<caseId>', "the case's id (or its stream's name, case-<id>)")
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
          // The policy versions its targets were computed under, so the bundle explains its due times.
          const policyArchive = policyArchiveExtract(
            entries,
            await evidence.log.readStream(POLICY_ARCHIVE_STREAM),
          );
          const lines = auditBundleLines(caseId, stream, entries, exportedAt, verdict, policyArchive);
          const output = options.output ?? `${caseId}.audit.jsonl`;
          if (output !== '-' && existsSync(output))
            throw new CouldNotCheck(`${output} already exists; an audit bundle is never overwritten`);
          if (output === '-') {
            process.stdout.write(`${lines.join('\n')}\n`);
          } else {
            const file = createWriteStream('', { fd: createBundleFile(output) });
            for (const line of lines) if (!file.write(`${line}\n`)) await once(file, 'drain');
            file.end();
            await once(file, 'finish');
            process.stderr.write(
              `Wrote ${entries.length} events of ${stream} and ${policyArchive.entries.length} of ${POLICY_ARCHIVE_STREAM} to ${output}\n`,
            );
          }
          const intact = isIntact(verdict);
          if (intact !== true) {
            const said = describeCaseVerdict(verdict, headHashOf(entries));
            process.stderr.write(`${intact === false ? 'Warning' : 'Note'}: ${said}\n`);
          }
          const archiveChain = policyArchive.header.chain;
          if (!archiveChain.intact) process.stderr.write(`Warning: ${archiveChain.reason}\n`);
          if (intact === false || !archiveChain.intact) process.exitCode = EXIT_EVIDENCE_FOUND;
        });
      }),
    );
}

/**
 * Creates the bundle's file, owner-only. A folder that does not exist is named (the error alone
 * said only ENOENT and the path): the bundle is not written, and the command exits with 2, as for
 * an output file that exists already.
 */
function createBundleFile(output: string): number {
  try {
    return createOwnerOnlyFile(output);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CouldNotCheck(
        `The folder ${dirname(resolve(output))} does not exist: create it, or give --output a file in a folder that exists`,
        { cause: error },
      );
    }
    throw error;
  }
}
