import { Command } from 'commander';
import { caseDecider, PolicyVersions, type CaseEvent, type CaseState } from '@casetrail/domain';
import { loadConfig } from '../../../../api/src/config/app-config';
import { PolicyArchiveDamaged } from '../../../../api/src/policy-archive/policy-archive-damaged';
import { readRecordedPolicies } from '../../../../api/src/policy-archive/policy-archive-stream';
import { loadPolicy } from '../../../../api/src/runtime/open-runtime';
import { systemClock } from '../../../../api/src/runtime/runtime';
import { withEvidence } from '../shared/evidence-session';
import {
  CouldNotCheck,
  EXIT_EVIDENCE_FOUND,
  failuresExitWith2,
  withAuditExitCodes,
} from './audit-exit-codes';
import { standing, storyLine, unreadableStoryLine } from './case-story';
import { readCase } from './case-stream';
import { caseVerdict, describeCaseVerdict, isIntact } from './case-verdict';
import { headHashOf, isUnreadable } from './evidence-log';

/**
 * `replay <caseId>`: the case's story, one readable line per event, then where it stands now. Its
 * first line is the integrity endpoint's verdict on the case: the hash chain (links, hash formats,
 * positions rising with revisions), and the stream's end against what the read models applied,
 * which alone shows events removed from the end. Without read models it says the end went unchecked.
 * A row that cannot be read has its line in the story (what is wrong with it), and breaks the chain.
 */
export function registerReplayCommand(program: Command): void {
  withAuditExitCodes(program.command('replay'))
    .argument('<caseId>', "the case's id (or its stream's name, case-<id>)")
    .description(
      "Print a case's history as readable lines, with its hash chain and its end (against the read models) checked. " +
        "Each line's time is the event's recorded time, which its hash covers: the history's `time` and the export's `recordedAt`",
    )
    .action(
      failuresExitWith2(async (caseIdOrStream: string) => {
        // The policy in force (SUPPORT_POLICY_FILE), whose calendars the API judges targets on.
        const policy = loadPolicy(loadConfig());
        await withEvidence('optional', async (evidence) => {
          const record = await readCase(evidence.log, evidence.readModels, caseIdOrStream);
          if (!record) throw new CouldNotCheck(`No case ${caseIdOrStream}`);
          const { caseId, stream, entries } = record;
          const now = systemClock.now().toISOString();
          const verdict = caseVerdict(record, evidence, now);
          const head = headHashOf(entries);
          const out = [
            `Case ${caseId} (${stream}): ${entries.length} events; ${describeCaseVerdict(verdict, head)}`,
          ];
          let state: CaseState = caseDecider.initialState;
          let archiveDamage: PolicyArchiveDamaged | undefined;
          for (const entry of entries) {
            if (isUnreadable(entry)) {
              out.push(unreadableStoryLine(entry));
              continue;
            }
            state = caseDecider.evolve(state, { type: entry.type, data: entry.data } as CaseEvent);
            out.push(storyLine(entry, state));
          }
          if (state.status !== 'none') {
            // Each target on the calendars of the version it was computed under, as the API reads it.
            // An archive that cannot be read leaves the policy in force, as for versions it lacks;
            // a damaged one is evidence, as a broken case chain is: said, and in the exit code.
            const recorded = await readRecordedPolicies(evidence.eventStore).catch((error: unknown) => {
              if (error instanceof PolicyArchiveDamaged) archiveDamage = error;
              return [];
            });
            const versions = new PolicyVersions(policy, recorded);
            out.push(standing(state, now, versions));
          }
          process.stdout.write(`${out.join('\n')}\n`);
          if (archiveDamage)
            process.stderr.write(
              `Warning: ${archiveDamage.message}. The standing line is measured on the policy in force.\n`,
            );
          if (isIntact(verdict) === false || archiveDamage) process.exitCode = EXIT_EVIDENCE_FOUND;
        });
      }),
    );
}
