import { UnauthorizedException } from '@nestjs/common';

/**
 * A 401 with the challenge telling the client how to authenticate, which every 401 must carry in
 * `WWW-Authenticate` (RFC 9110 section 15.5.2). The problem filter writes the header; the body is
 * the usual problem+json.
 */
export class AuthenticationChallengeException extends UnauthorizedException {
  constructor(
    message: string,
    readonly challenge: string,
  ) {
    super(message);
  }
}
