import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { hasRole } from '../auth/actor';
import { readBearerHeader } from '../auth/bearer-header';
import { InvalidTokenError, TokenVerifier } from '../auth/token-verifier';

/**
 * Who may read /health in full: an admin, by bearer token as everywhere in the API. The route
 * stays public (probes send no token), so a missing, bad or non-admin token is no error here: it
 * gets the public report, exactly as no token does, rather than a 401 that would make a probe
 * sending a stale token see the desk as down.
 */
@Injectable()
export class HealthAudience {
  private readonly logger = new Logger('Health');

  constructor(@Optional() @Inject(TokenVerifier) private readonly verifier?: TokenVerifier) {}

  async isAdmin(authorization: string | string[] | undefined): Promise<boolean> {
    const bearer = readBearerHeader(authorization);
    if (bearer.kind !== 'token' || !this.verifier) return false;
    try {
      return hasRole(await this.verifier.verify(bearer.token), 'admin');
    } catch (error) {
      // A provider's keys out of reach, say: the public report is still safe to give.
      if (!(error instanceof InvalidTokenError)) {
        this.logger.warn(
          `Could not verify a token sent to /health, so it gets the public report: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return false;
    }
  }
}
