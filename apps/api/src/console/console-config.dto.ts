import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_SEVERITIES } from '@casetrail/domain';

/** ConsoleSignIn (console-settings.ts). */
class ConsoleSignInDto {
  @ApiProperty({
    enum: ['embedded', 'oidc', 'external-token'],
    description:
      'embedded: paste a token `casetrail token` minted; oidc: sign in at the provider; external-token: ' +
      'paste a token your identity provider issued (JWKS set, no console client configured)',
  })
  mode!: string;

  @ApiPropertyOptional({ description: "oidc: the provider's issuer URL" })
  issuer?: string;

  @ApiPropertyOptional({ description: 'oidc: the client id the console signs in as' })
  clientId?: string;

  @ApiPropertyOptional({ description: 'oidc: the scopes asked for' })
  scope?: string;
}

class SeverityNameDto {
  @ApiProperty({ enum: CASE_SEVERITIES })
  severity!: number;

  @ApiProperty({ example: 'Production System Down' })
  name!: string;
}

/** ConsoleConfigResponse: what the console needs before anyone signs in. */
export class ConsoleConfigDto {
  @ApiProperty({ type: ConsoleSignInDto })
  signIn!: ConsoleSignInDto;

  @ApiProperty({
    format: 'date-time',
    description: "The server's clock: the console counts SLA time from it",
  })
  serverTime!: string;

  @ApiProperty({
    type: [SeverityNameDto],
    description: "Each severity's name in the policy in force, most severe first",
  })
  severities!: SeverityNameDto[];
}
