export const STAFF_ROLES = ['engineer', 'csm', 'auditor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who the token says the person is. Display only: the API verifies the token on every call. */
export interface TokenClaims {
  email: string;
  name?: string;
  roles: StaffRole[];
  /** Expiry in epoch milliseconds, when the token has one. */
  expiresAt?: number;
  nonce?: string;
}

export class UnreadableTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableTokenError';
  }
}

/** Reads a JWT's claims (API.md: sub, email, name, optional roles) without verifying it. */
export function readTokenClaims(token: string): TokenClaims {
  const parts = token.trim().split('.');
  if (parts.length !== 3)
    throw new UnreadableTokenError('This is not a JWT (it needs three dot-separated parts)');
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(decodeBase64Url(parts[1])) as Record<string, unknown>;
  } catch {
    throw new UnreadableTokenError('The token’s payload is not readable JSON');
  }
  if (typeof payload.email !== 'string' || !payload.email.includes('@')) {
    throw new UnreadableTokenError('The token has no email claim');
  }
  const roles = Array.isArray(payload.roles)
    ? payload.roles.filter((role): role is StaffRole => STAFF_ROLES.includes(role as StaffRole))
    : [];
  return {
    // As the API reads it: lower case, composed Unicode (an `e` and a combining accent is an `é`).
    email: payload.email.normalize('NFC').toLowerCase(),
    ...(typeof payload.name === 'string' && payload.name ? { name: payload.name } : {}),
    roles,
    ...(typeof payload.exp === 'number' ? { expiresAt: payload.exp * 1000 } : {}),
    ...(typeof payload.nonce === 'string' ? { nonce: payload.nonce } : {}),
  };
}

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
