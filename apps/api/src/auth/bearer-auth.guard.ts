import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticationChallengeException } from '../problems/authentication-challenge.exception';
import { BEARER_TOKEN_INVALID, BEARER_TOKEN_MISSING } from './bearer-challenge';
import { readBearerHeader } from './bearer-header';
import { refuseAuditorChange } from './audited-accounts';
import { AuthenticatedRequest } from './current-actor.decorator';
import { IS_PUBLIC } from './public.decorator';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const bearer = readBearerHeader(request.headers.authorization);
    if (bearer.kind !== 'token') {
      const given = bearer.kind === 'bad';
      throw new AuthenticationChallengeException(
        given ? 'The token is not valid' : 'A bearer token is required (Authorization: Bearer <JWT>)',
        given ? BEARER_TOKEN_INVALID : BEARER_TOKEN_MISSING,
      );
    }
    try {
      request.actor = await this.verifier.verify(bearer.token);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw new AuthenticationChallengeException(error.message, BEARER_TOKEN_INVALID);
      throw error;
    }
    refuseAuditorChange(request.actor, context.switchToHttp().getRequest<{ method: string }>().method);
    return true;
  }
}
