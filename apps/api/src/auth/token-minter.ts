import { SignJWT } from 'jose';
import { StaffRole } from './actor';
import { AUDITED_ACCOUNTS_CLAIM } from './audited-accounts-claim';

export interface MintTokenOptions {
  email: string;
  name?: string;
  roles?: StaffRole[];
  /** An auditor's accounts (a customer's compliance auditor): see auditedAccountsClaim. */
  accounts?: string[];
  /** jose duration string, e.g. '8h', '30d'. */
  expiresIn?: string;
  subject?: string;
}

/** Embedded mode only: signs an HS256 token the API accepts, for trying the API and for tests. */
export async function mintToken(secret: string, options: MintTokenOptions): Promise<string> {
  const claims: Record<string, unknown> = { email: options.email.toLowerCase() };
  if (options.name) claims.name = options.name;
  if (options.roles?.length) claims.roles = options.roles;
  if (options.accounts) claims[AUDITED_ACCOUNTS_CLAIM] = options.accounts;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject ?? options.email.toLowerCase())
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(secret));
}
