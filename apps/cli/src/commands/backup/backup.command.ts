import { Command } from 'commander';
import { loadConfig } from '../../../../api/src/config/app-config';
import { requireExistingStores } from '../shared/existing-stores';
import { backUpStores } from './back-up-stores';
import { damagedLogWarning } from './damaged-log';

/**
 * `backup <folder>`: a consistent copy of the embedded stores, taken while Casetrail runs. See
 * `backUpStores` for what is copied, in which order and why.
 */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .argument('<folder>', 'where to write it: a new (or empty) folder outside DATA_DIR')
    .description(
      'Copy the embedded stores into a new folder while Casetrail runs: read models first, then the event log, then the token secret',
    )
    .addHelpText(
      'after',
      [
        '',
        'Each SQLite file is copied as one consistent snapshot (VACUUM INTO), the read models before the',
        'event log, so the copy never holds read models ahead of its log. backup.json lists the files with',
        'their SHA-256 and the positions they reached. A copied log holding stored events that cannot be',
        'read is still backed up, warned of on stderr (naming them) and recorded as damaged in backup.json:',
        'keep an older backup that holds them whole. The folder must be new (or empty) and outside',
        'DATA_DIR. To restore: stop Casetrail, then `casetrail restore <folder>`. Stores in EventStoreDB',
        'or MongoDB are backed up with their own tools.',
      ].join('\n'),
    )
    .action(async (folder: string) => {
      const config = loadConfig();
      // A mistyped DATA_DIR would otherwise give an empty, reassuring backup.
      requireExistingStores(config);
      const manifest = await backUpStores(config, folder, (line) => process.stdout.write(`${line}\n`));
      // Still a backup (better than none), but not one that can repair the damage: said apart, on stderr.
      const damaged = manifest.eventLog?.damaged;
      if (damaged) for (const line of damagedLogWarning(damaged, 'backup')) process.stderr.write(`${line}\n`);
      const head = manifest.eventLog?.head;
      process.stdout.write(
        `Backed up ${manifest.files.length} file(s) into ${manifest.folder}${head === undefined ? '' : ` (event log up to position ${head})`}\n`,
      );
    });
}
