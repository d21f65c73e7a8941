import { Command } from 'commander';
import { caseDecider, type CaseEvent, type CaseState } from '@casetrail/domain';
import { systemClock } from '../../../../api/src/runtime/runtime';
import { withEvidence } from '../shared/evidence-session';
import {
  CouldNotCheck,
  EXIT_EVIDENCE_FOUND,
  failuresExitWith2,
  withAuditExitCodes,
} from './audit-exit-codes';
import { standing, storyLine } from './case-story';
import { readCase } from './case-stream';
import { caseVerdict, describeCaseVerdict, isIntact } from './case-verdict';

/**
 * `replay <caseId>`: the case's story, one readable line per event, then where it stands now. Its
 * first line is the integrity endpoint's verdict on the case: the hash chain (links, hash formats,
 * positions rising with revisions), and the stream's end against what the read models applied,
 * which alone shows events removed from the end. Without read models it says the end went unchecked.
 */
export function registerReplayCommand(program: Command): void {
  withAuditExitCodes(program.command('replay <caseId>'))
    .description(
      "Print a case's history as readable lines, with its hash chain and its end (against the read models) checked",
    )
    .action(
      failuresExitWith2(async (caseIdOrStream: string) => {
        await withEvidence('optional', async (evidence) => {
          const record = await readCase(evidence.eventStore, evidence.readModels, caseIdOrStream);
          if (!record) throw new CouldNotCheck(`No case ${caseIdOrStream}`);
          const { caseId, stream, events } = record;
          const now = systemClock.now().toISOString();
          const verdict = caseVerdict(record, evidence, now);
          const head = events.at(-1)?.metadata.hash;
          const out = [
            `Case ${caseId} (${stream}): ${events.length} events; ${describeCaseVerdict(verdict, head)}`,
          ];
          let state: CaseState = caseDecider.initialState;
          for (const event of events) {
            state = caseDecider.evolve(state, { type: event.type, data: event.data } as CaseEvent);
            out.push(storyLine(event, state));
          }
          if (state.status !== 'none') out.push(standing(state, now));
          process.stdout.write(`${out.join('\n')}\n`);
          if (isIntact(verdict) === false) process.exitCode = EXIT_EVIDENCE_FOUND;
        });
      }),
    );
}
