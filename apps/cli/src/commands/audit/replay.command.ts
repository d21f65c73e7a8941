import { Command } from 'commander';
import { caseDecider, type CaseEvent, type CaseState } from '@casetrail/domain';
import { verifyStreamChain } from '@casetrail/eventstore';
import { systemClock } from '../../../../api/src/runtime/runtime';
import { withEvidence } from '../shared/evidence-session';
import { describeBrokenLink } from './chain-walker';
import { standing, storyLine } from './case-story';
import { readCaseStream } from './case-stream';

/** `replay <caseId>`: the case's story, one readable line per event, then where it stands now. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay <caseId>')
    .description("Print a case's history as readable lines, with its hash chain checked")
    .action(async (caseIdOrStream: string) => {
      await withEvidence('none', async ({ eventStore }) => {
        const { caseId, stream, events } = await readCaseStream(eventStore, caseIdOrStream);
        if (events.length === 0) throw new Error(`No case ${caseIdOrStream}`);
        const broken = verifyStreamChain(events);
        const chain = broken
          ? `hash chain BROKEN: ${describeBrokenLink(broken)}`
          : `hash chain intact, head ${events.at(-1)!.metadata.hash}`;
        const out: string[] = [`Case ${caseId} (${stream}): ${events.length} events; ${chain}`];
        let state: CaseState = caseDecider.initialState;
        for (const event of events) {
          out.push(storyLine(event));
          state = caseDecider.evolve(state, { type: event.type, data: event.data } as CaseEvent);
        }
        if (state.status !== 'none') out.push(standing(state, systemClock.now().toISOString()));
        process.stdout.write(`${out.join('\n')}\n`);
        if (broken) process.exitCode = 1;
      });
    });
}
