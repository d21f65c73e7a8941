import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { jwtSecretFile, loadConfig, type AppConfig } from '../../../../api/src/config/app-config';
import { EVENTS_FILE, READ_MODELS_FILE } from '../backup/back-up-stores';
import { damagedLogWarning } from '../backup/damaged-log';
import { restoreStores, type RestoreOutcome } from './restore-stores';

/**
 * `restore <backup-folder>`: puts a folder `casetrail backup` wrote back in DATA_DIR, checked
 * first, with Casetrail stopped. See `restoreStores` for what it refuses and how it copies.
 */
export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .argument('<backup-folder>', 'a folder `casetrail backup` wrote, with its backup.json')
    .description(
      'Put a backup taken by `casetrail backup` back in DATA_DIR, with Casetrail stopped, after checking every file against backup.json',
    )
    .option(
      '--force',
      "move DATA_DIR's existing stores aside into a new folder of DATA_DIR, instead of refusing",
    )
    .addHelpText(
      'after',
      [
        '',
        "Every file is checked against backup.json's SHA-256 first; a file that differs or is missing is",
        'refused, named. Refused too while a process uses DATA_DIR (the API, the projector, notify, or any',
        "other command: their leases, and SQLite's lock on the files). Without --force, a DATA_DIR that holds",
        'stores is refused; with it, they are moved into DATA_DIR/replaced-by-restore-<time>, not deleted.',
        'The files are copied owner-only (0600) under a name of their own, then renamed into place.',
      ].join('\n'),
    )
    .action(async (folder: string, options: { force?: boolean }) => {
      const config = loadConfig();
      const say = (line: string) => process.stdout.write(`${line}\n`);
      const outcome = await restoreStores(config, folder, { force: options.force === true }, say);
      for (const line of describeRestore(outcome)) say(line);
      for (const line of nextSteps(config, outcome)) say(line);
      // What `backup` warned of when it was taken: this log cannot repair the damage it holds.
      const damaged = outcome.backup.manifest.eventLog?.damaged;
      if (damaged)
        for (const line of damagedLogWarning(damaged, 'restore')) process.stderr.write(`${line}\n`);
    });
}

/** What was restored, with the positions `backup.json` recorded for it. */
function describeRestore({ backup, dataDir }: RestoreOutcome): string[] {
  const { manifest } = backup;
  const lines = backup.files.map((file) => {
    if (file.name === EVENTS_FILE && manifest.eventLog) {
      return `Restored ${file.name} (${file.bytes} bytes): the event log up to position ${manifest.eventLog.head}`;
    }
    if (file.name === READ_MODELS_FILE && manifest.readModels) {
      const checkpoints = Object.entries(manifest.readModels.checkpoints);
      const positions = checkpoints.map(([projection, position]) => `${projection} ${position}`).join(', ');
      return `Restored ${file.name} (${file.bytes} bytes): the read models, at positions ${positions || '(none recorded)'}`;
    }
    return `Restored ${file.name} (${file.bytes} bytes)`;
  });
  lines.push(
    `Restored ${backup.files.length} file(s) of the backup taken ${manifest.createdAt} into ${dataDir}`,
  );
  return lines;
}

/** What the operator does now, and what to do should the first start refuse. */
function nextSteps(config: AppConfig, { backup }: RestoreOutcome): string[] {
  const names = backup.files.map((file) => file.name);
  const lines = [
    'Next: start Casetrail (`casetrail serve`, and `casetrail project` where the projector runs apart). The first ' +
      'start checks the restored files in full, and the read models catch up with the log.',
    'Should it refuse because "the event store has lost events" (the log is older than the read models beside it), ' +
      'run `casetrail rebuild`, then start again.',
    'Should it refuse because the read models "were built by another release" (a backup taken before an upgrade), ' +
      'run the `casetrail rebuild` it names, then start again.',
  ];
  if (!names.includes(READ_MODELS_FILE) && !config.mongodbUrl) {
    lines.push('The backup holds no read models: the first start builds them from the log.');
  }
  if (config.mongodbUrl) {
    lines.push(
      'The read models are in MongoDB (MONGODB_URL): restore them with mongorestore, from a dump taken before this log.',
    );
  }
  if (config.eventStoreUrl) {
    lines.push('The event log is in EventStoreDB (EVENTSTORE_URL): restore it with its own tools.');
  }
  if (config.jwtSecret && names.some((name) => name !== EVENTS_FILE && name !== READ_MODELS_FILE)) {
    lines.push('AUTH_JWT_SECRET is set, and is used instead of the restored token secret file.');
  }
  // The backup said so when it was taken: the secret was in AUTH_JWT_SECRET, to be kept with it.
  if (!config.jwtSecret && !config.jwksUrl && !existsSync(jwtSecretFile(config))) {
    lines.push(
      'The backup holds no token secret (AUTH_JWT_SECRET was set when it was taken): set AUTH_JWT_SECRET to the value ' +
        'kept with the backup, or tokens minted before it stop working.',
    );
  }
  return lines;
}
