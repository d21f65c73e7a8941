import { readTokenClaims, StaffRole, TokenClaims } from './jwt-claims';

const TOKEN_KEY = 'casetrail.console.token';

export interface SignedInUser extends TokenClaims {
  /** Has at least one staff role (engineer, csm, auditor, admin). */
  staff: boolean;
}

/**
 * The signed-in person's bearer token, kept in sessionStorage: it lives as long as the browser tab
 * and is never sent anywhere but the API's Authorization header.
 */
export class Session {
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The token, while it has not expired. */
  token(): string | undefined {
    const token = this.storage.getItem(TOKEN_KEY) ?? undefined;
    if (!token) return undefined;
    try {
      const { expiresAt } = readTokenClaims(token);
      if (expiresAt !== undefined && expiresAt <= this.now()) {
        this.signOut();
        return undefined;
      }
      return token;
    } catch {
      this.signOut();
      return undefined;
    }
  }

  user(): SignedInUser | undefined {
    const token = this.token();
    if (!token) return undefined;
    const claims = readTokenClaims(token);
    return { ...claims, staff: claims.roles.length > 0 };
  }

  /** Keeps the token if it reads as a JWT with an email and has not expired; throws otherwise. */
  signIn(token: string): SignedInUser {
    const trimmed = token.trim();
    const claims = readTokenClaims(trimmed);
    if (claims.expiresAt !== undefined && claims.expiresAt <= this.now())
      throw new Error('This token has expired');
    this.storage.setItem(TOKEN_KEY, trimmed);
    return { ...claims, staff: claims.roles.length > 0 };
  }

  signOut(): void {
    this.storage.removeItem(TOKEN_KEY);
  }
}

export function hasRole(user: SignedInUser | undefined, ...roles: StaffRole[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}
