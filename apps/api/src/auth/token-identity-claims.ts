import { firstInvisibleCharacter, firstUnsafeCharacter } from '@casetrail/domain/shared/unsafe-characters';
import type { TokenIdentity } from './actor';

/**
 * The token's `sub` and `iss` as every event written for the caller records them (TokenIdentity),
 * or why the token is refused. The console, history and exports show them to auditors, who tell two
 * identities behind one address apart by them: a NUL, a direction override or an invisible
 * character would make one subject read as another, so such a claim is refused as an email holding
 * one is (identity-address.ts, with the same character checks); OpenID Connect subjects and issuers
 * are plain ASCII, so no real provider is locked out. An `iss` that is not a string was dropped
 * before, recording the identity without its issuer: it is refused too.
 */
export function tokenIdentityClaims(sub: string, iss: unknown): TokenIdentity | { refused: string } {
  const subProblem = characterProblem(sub);
  if (subProblem) return { refused: `The token's sub claim ${subProblem}` };
  if (iss === undefined) return { subject: sub };
  if (typeof iss !== 'string' || !iss)
    return { refused: "The token's iss claim is not a string naming its issuer" };
  const issProblem = characterProblem(iss);
  if (issProblem) return { refused: `The token's iss claim ${issProblem}` };
  return { subject: sub, issuer: iss };
}

function characterProblem(claim: string): string | undefined {
  const unsafe = firstUnsafeCharacter(claim);
  if (unsafe) return `contains a control or text-direction override character (${unsafe})`;
  const invisible = firstInvisibleCharacter(claim);
  if (invisible) return `contains an invisible character (${invisible})`;
  return undefined;
}
