import * as fs from 'node:fs';
import { DEFAULT_SUPPORT_POLICY, SupportPolicy, parseSupportPolicy } from '@casetrail/domain';
import { AppConfig, loadConfig, resolveJwtSecret } from '../config/app-config';
import { openStorage } from '../storage/open-storage';
import { Runtime } from './runtime';

/** Reads the configuration, opens the stores and loads the policy: everything a process needs first. */
export async function openRuntime(config: AppConfig = loadConfig()): Promise<Runtime> {
  const policy = loadPolicy(config);
  // Before the stores: a secret file it refuses must stop the start with nothing opened.
  const jwtSecret = resolveJwtSecret(config);
  const storage = await openStorage(config);
  return { config, storage, policy, jwtSecret };
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
