import { Command } from 'commander';
import { verifyStreamChain } from '@casetrail/eventstore';
import { loadConfig } from '../../../../api/src/config/app-config';
import { POLICY_ARCHIVE_STREAM } from '../../../../api/src/policy-archive/policy-archive-stream';
import {
  adoptionOf,
  adoptionsIn,
  notInArchive,
  policyVersionDetail,
  policyVersionSummary,
} from '../../../../api/src/policy-archive/policy-version-view';
import { loadPolicy } from '../../../../api/src/runtime/open-runtime';
import { withEvidence } from '../shared/evidence-session';
import {
  CouldNotCheck,
  EXIT_EVIDENCE_FOUND,
  failuresExitWith2,
  withAuditExitCodes,
} from './audit-exit-codes';
import { describeBrokenLink } from './chain-walker';

/**
 * `policy [version]`: the support policy versions SLA targets name (`policyVersion`), from the
 * archive (`support-policy-versions`), as `GET /v1/policy/versions` gives them: without a version,
 * one line each; with one, that version's adoption and policy as JSON. Read-only, like `replay`.
 * The archive's chain is checked: a broken link is named on stderr and the exit code is 1 (what
 * it holds is still printed: it is the evidence).
 */
export function registerPolicyCommand(program: Command): void {
  withAuditExitCodes(program.command('policy'))
    .argument(
      '[version]',
      'one recorded version to print whole (e.g. acme-2026-1); without it, all are listed',
    )
    .description(
      'Print the support policy versions recorded (support-policy-versions), or one version whole as JSON, with the hash chain checked',
    )
    .action(
      failuresExitWith2(async (version: string | undefined) => {
        // "in force": the version SUPPORT_POLICY_FILE (or the built-in policy) gives this environment.
        const inForce = loadPolicy(loadConfig()).version;
        await withEvidence('none', async (evidence) => {
          const history = await evidence.eventStore.readStream(POLICY_ARCHIVE_STREAM);
          if (version === undefined) {
            const lines = adoptionsIn(history).map((event) => {
              const view = policyVersionSummary(event, inForce);
              return `#${view.revision}  ${view.version}  adopted ${view.adoptedAt ?? 'not recorded'}  recorded ${view.recordedAt}  hash ${view.hash}${view.inForce ? '  (in force)' : ''}`;
            });
            process.stdout.write(
              lines.length > 0
                ? `${lines.join('\n')}\n`
                : `No policy version recorded in ${POLICY_ARCHIVE_STREAM}\n`,
            );
          } else {
            const adoption = adoptionOf(history, version);
            if (!adoption) throw new CouldNotCheck(notInArchive(version));
            process.stdout.write(`${JSON.stringify(policyVersionDetail(adoption, inForce), null, 2)}\n`);
          }
          const broken = verifyStreamChain(history);
          if (broken) {
            process.stderr.write(
              `Warning: the support policy archive is damaged: ${describeBrokenLink(broken)}\n`,
            );
            process.exitCode = EXIT_EVIDENCE_FOUND;
          }
        });
      }),
    );
}
