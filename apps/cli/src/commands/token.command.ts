import { Command, InvalidArgumentError } from 'commander';
import { STAFF_ROLES, StaffRole } from '../../../api/src/auth/actor';
import { mintToken } from '../../../api/src/auth/token-minter';
import { isTokenEmail } from '../../../api/src/auth/token-verifier';
import { loadConfig, resolveJwtSecret } from '../../../api/src/config/app-config';

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
    .option('-r, --roles <roles>', `comma-separated staff roles: ${STAFF_ROLES.join(', ')}`, parseRoles, [])
    .option('--expires <duration>', 'lifetime, e.g. 8h, 30d', '8h')
    .action(async (options: { email: string; name?: string; roles: StaffRole[]; expires: string }) => {
      const config = loadConfig();
      if (config.jwksUrl) throw new Error('Tokens come from your OIDC provider when AUTH_JWKS_URL is set');
      const secret = resolveJwtSecret(config)!;
      const token = await mintToken(secret, {
        email: options.email,
        name: options.name,
        roles: options.roles,
        expiresIn: options.expires,
      });
      process.stdout.write(`${token}\n`);
    });
}

/** The API refuses a token whose email claim is not an address: refuse to mint one. */
function parseEmail(value: string): string {
  const email = value.trim();
  if (!isTokenEmail(email)) throw new InvalidArgumentError(`"${value}" is not an email address`);
  return email;
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
  return roles as StaffRole[];
}
