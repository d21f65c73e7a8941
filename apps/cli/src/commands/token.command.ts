import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { STAFF_ROLES, StaffRole } from '../../../api/src/auth/actor';
import { UUID } from '../../../api/src/shared/path-params';
import { mintToken } from '../../../api/src/auth/token-minter';
import { isTokenEmail, tokenIdentity } from '../../../api/src/auth/token-verifier';
import { auditedAccountsClaim } from '../../../api/src/auth/audited-accounts-claim';
import { unregisteredAccounts } from './token-accounts';
import {
  jwtSecretFile,
  keptJwtSecret,
  loadConfig,
  resolveJwtSecret,
  type AppConfig,
} from '../../../api/src/config/app-config';

/** What `token` exits with for a usage error: 2, as the auditor's commands do (audit-exit-codes.ts). */
const USAGE_EXIT_CODE = 2;

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description(
      "Mint a bearer token for trying the API (embedded mode: signed with AUTH_JWT_SECRET or DATA_DIR's secret)",
    )
    .requiredOption(
      '-e, --email <email>',
      'the identity (customers: the email of their licence records)',
      parseEmail,
    )
    .option('-n, --name <name>', 'display name')
    .option(
      '-r, --roles <roles>',
      `comma-separated staff roles: ${STAFF_ROLES.join(', ')}; auditor is read-only and goes alone`,
      parseRoles,
      [],
    )
    .option(
      '--accounts <ids>',
      "comma-separated account ids a customer's compliance auditor is limited to (with --roles auditor only); without it an auditor reads every account",
      parseAccountIds,
    )
    .option(
      '--unchecked-accounts',
      "mint --accounts without checking they are registered in DATA_DIR's stores (for a token another installation, with the same AUTH_JWT_SECRET, answers)",
    )
    .option('--expires <duration>', 'lifetime, e.g. 30m, 8h, 30d', parseLifetime, '8h')
    // Every usage error exits 2, as the README's CLI section says of a bad --email: commander's own
    // (a missing --email, an unknown option, a parser's refusal) would exit 1. `--help` keeps 0.
    .exitOverride((error) => {
      if (error.exitCode === 0) throw error;
      throw new CommanderError(USAGE_EXIT_CODE, error.code, error.message);
    })
    .action(async (options: TokenOptions, command: Command) => {
      const misuse = accountsMisuse(options);
      if (misuse) command.error(`error: ${misuse}`, { exitCode: USAGE_EXIT_CODE, code: 'casetrail.usage' });
      const config = loadConfig();
      if (config.jwksUrl) throw new Error('Tokens come from your OIDC provider when AUTH_JWKS_URL is set');
      const unknown = await accountsRefusal(options, config);
      if (unknown) command.error(`error: ${unknown}`, { exitCode: USAGE_EXIT_CODE, code: 'casetrail.usage' });
      const secret = config.jwtSecret ?? keptJwtSecret(config) ?? newSecretBesideStores(config);
      const token = await mintToken(secret, {
        email: options.email,
        name: options.name,
        roles: options.roles,
        accounts: options.accounts,
        expiresIn: options.expires,
      });
      process.stdout.write(`${token}\n`);
    });
}

interface TokenOptions {
  email: string;
  name?: string;
  roles: StaffRole[];
  accounts?: string[];
  uncheckedAccounts?: boolean;
  expires: string;
}

/**
 * Each --accounts id must name an account registered in this DATA_DIR's stores: an auditor limited
 * to a licence id, a case id or a typo would read every list empty and every report zero, "for your
 * accounts". A usage error (exit code 2) naming them. Where there is no store to check against (a
 * token for another installation, signed with its AUTH_JWT_SECRET), --unchecked-accounts says so.
 */
async function accountsRefusal(options: TokenOptions, config: AppConfig): Promise<string | undefined> {
  if (options.accounts === undefined || options.uncheckedAccounts) return undefined;
  const absence = missingFromDataDir(config);
  if (absence) {
    return (
      `--accounts cannot be checked: DATA_DIR ${config.dataDir} ${absence}. Set DATA_DIR to the folder your server uses, ` +
      'or pass --unchecked-accounts to mint for accounts registered elsewhere'
    );
  }
  const unregistered = await unregisteredAccounts(options.accounts);
  if (unregistered.length === 0) return undefined;
  return (
    `no account is registered as ${unregistered.join(', ')} in DATA_DIR ${config.dataDir} (is it a licence or case id?); ` +
    'the auditor would read every list empty and every report zero. `GET /v1/accounts` lists the account ids'
  );
}

/**
 * The ids as the API stores them (lower case), each a UUID: a mistyped one would limit the auditor
 * to an account that does not exist. A usage error (exit code 2).
 */
function parseAccountIds(value: string): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const malformed = ids.filter((id) => !UUID.test(id));
  if (ids.length === 0) throw usageError('--accounts needs at least one account id');
  if (malformed.length) throw usageError(`not an account id (a UUID): ${malformed.join(', ')}`);
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

/**
 * The API refuses a token that names accounts unless its only role is auditor (auditedAccountsClaim:
 * the claim narrows what an auditor reads, and must not sit beside a role that sees more): such a
 * token is not minted, and why is said as a usage error (exit code 2).
 */
function accountsMisuse(options: TokenOptions): string | undefined {
  if (options.accounts === undefined) return undefined;
  const claim = auditedAccountsClaim(options.accounts, options.roles);
  if (!('refused' in claim)) return undefined;
  return `--accounts limits a customer's compliance auditor to those accounts: use it with --roles auditor and no other role (the API would refuse the token: ${claim.refused})`;
}

/**
 * A secret made here is only worth having in the DATA_DIR a server uses: made in a mistyped one,
 * it signs tokens that server answers with 401, and nothing said why. So a new secret is made only
 * beside the stores a server has created (`npm start` creates them, and the secret, before any
 * token is needed); the embedded event store, or with EVENTSTORE_URL alone the read models. With
 * both servers configured DATA_DIR holds no store, and must at least exist.
 */
function newSecretBesideStores(config: AppConfig): string {
  const absence = missingFromDataDir(config);
  if (absence) {
    throw new Error(
      `DATA_DIR ${config.dataDir} ${absence}, and no token secret: no server has run there, so a secret made now would sign tokens your server refuses. ` +
        `Set DATA_DIR to the folder your server uses, or start the server first (it makes ${jwtSecretFile(config)}), or set AUTH_JWT_SECRET`,
    );
  }
  return resolveJwtSecret(config)!;
}

/** What a DATA_DIR a server has run in would hold but this one lacks, in words; undefined if nothing. */
function missingFromDataDir(config: AppConfig): string | undefined {
  if (!existsSync(config.dataDir)) return 'does not exist';
  const store = config.eventStoreUrl
    ? config.mongodbUrl
      ? undefined
      : { file: 'readmodels.sqlite', name: 'read models' }
    : { file: 'events.sqlite', name: 'event store' };
  if (store && !existsSync(join(config.dataDir, store.file))) return `holds no ${store.name} (${store.file})`;
  return undefined;
}

/**
 * The API refuses a token whose email claim is not an address, or is one that passes for another
 * person's (see tokenIdentity): refuse to mint one. A usage error, so the exit code is 2.
 */
function parseEmail(value: string): string {
  const email = value.trim();
  if (!isTokenEmail(email)) throw usageError(`"${value}" is not an email address`);
  const identity = tokenIdentity(email);
  if ('refused' in identity) {
    throw usageError(
      `Casetrail does not accept this address (the API would refuse the token): it ${identity.refused}`,
    );
  }
  return email;
}

function usageError(message: string): InvalidArgumentError {
  const error = new InvalidArgumentError(message);
  error.exitCode = USAGE_EXIT_CODE;
  return error;
}

/** A lifetime in jose's words: a number and a unit (`8h`, `30 days`, `1.5h`). */
const LIFETIME =
  /^(\d+|\d+\.\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)$/i;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800, y: 31_557_600 };

/**
 * A token that lives: jose would also take `-5h` or `2h ago` and sign a token already expired, so
 * only a positive amount of a unit is accepted. Returned in whole seconds (`28800s`), so jose signs
 * exactly the lifetime checked here.
 */
function parseLifetime(value: string): string {
  const matched = LIFETIME.exec(value.trim());
  const seconds = matched
    ? Math.round(Number(matched[1]) * UNIT_SECONDS[matched[2][0].toLowerCase()])
    : Number.NaN;
  if (!(seconds >= 1)) {
    throw new InvalidArgumentError(
      'must be a positive duration: a number and a unit (s, m, h, d, w or y), e.g. 30m, 8h or 30d',
    );
  }
  return `${seconds}s`;
}

function parseRoles(value: string): StaffRole[] {
  const roles = value
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  for (const role of roles) {
    if (!STAFF_ROLES.includes(role as StaffRole)) {
      throw new InvalidArgumentError(`unknown role "${role}" (roles: ${STAFF_ROLES.join(', ')})`);
    }
  }
  requireAuditorAlone(roles as StaffRole[]);
  return roles as StaffRole[];
}

/**
 * DOMAIN.md's auditor is read-only, and the API refuses every change of a token that carries the
 * role, whatever else it carries (403 read-only-actor): such a token's working roles would be dead
 * weight. It may still come from another issuer, so the API keeps answering it so; minting one here
 * is refused, as a usage error (exit code 2), saying what to do instead.
 */
function requireAuditorAlone(roles: readonly StaffRole[]): void {
  const working = [...new Set(roles.filter((role) => role !== 'auditor'))];
  if (!roles.includes('auditor') || working.length === 0) return;
  throw usageError(
    `auditor cannot go with ${working.join(', ')}: a token with the auditor role is read-only, so the API would refuse ` +
      `every change its other roles allow (403 read-only-actor). Mint one token with --roles auditor to audit, ` +
      `and another with --roles ${working.join(',')} to work`,
  );
}
