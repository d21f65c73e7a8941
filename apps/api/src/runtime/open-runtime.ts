import * as fs from 'node:fs';
import { DEFAULT_SUPPORT_POLICY, DomainError, SupportPolicy, parseSupportPolicy } from '@casetrail/domain';
import { openPolicyVersions } from '../policy-archive/open-policy-versions';
import { AppConfig, loadConfig, resolveJwtSecret } from '../config/app-config';
import { openStorage } from '../storage/open-storage';
import { Runtime, systemClock } from './runtime';

/**
 * Reads the configuration, opens the stores and loads the policy: everything a process needs first.
 * The policy in force is recorded in the event store's policy archive, in force from now (refused
 * when its version was recorded with other content), unless `recordPolicy` is false: `demo-data` records it after the
 * history it writes, so the log's recorded times keep running forwards.
 */
export async function openRuntime(
  config: AppConfig = loadConfig(),
  { recordPolicy = true }: { recordPolicy?: boolean } = {},
): Promise<Runtime> {
  const policy = loadPolicy(config);
  // Before the stores: a secret file it refuses must stop the start with nothing opened.
  const jwtSecret = resolveJwtSecret(config);
  const storage = await openStorage(config);
  if (!recordPolicy) return { config, storage, policy, jwtSecret };
  try {
    const policies = await openPolicyVersions(storage.eventStore, policy, systemClock.now());
    return { config, storage, policy, policies, jwtSecret };
  } catch (error) {
    await storage.close();
    throw policyArchiveError(config, error);
  }
}

/** A refused policy names the file at fault, as a policy that does not parse does. */
function policyArchiveError(config: AppConfig, error: unknown): Error {
  if (!(error instanceof DomainError)) return error as Error;
  const file = config.supportPolicyFile
    ? `SUPPORT_POLICY_FILE ${config.supportPolicyFile}`
    : 'the built-in policy';
  return new Error(`${file}: ${error.message}`, { cause: error });
}

/** The support policy in force: SUPPORT_POLICY_FILE's, else the default (also `replay`'s, which judges targets on it). */
export function loadPolicy(config: AppConfig): SupportPolicy {
  if (!config.supportPolicyFile) return DEFAULT_SUPPORT_POLICY;
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(config.supportPolicyFile, 'utf8'));
  } catch (error) {
    throw new Error(
      `SUPPORT_POLICY_FILE ${config.supportPolicyFile} is not valid JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    return parseSupportPolicy(document);
  } catch (error) {
    // The policy's own message names the setting; the operator also needs to know which file.
    throw new Error(`SUPPORT_POLICY_FILE ${config.supportPolicyFile}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
