import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SupportPolicy } from '@casetrail/domain';
import { Public } from '../auth/public.decorator';
import { ApiNoTokenNeeded } from '../openapi/api-no-token.decorator';
import { CLOCK, Clock, SUPPORT_POLICY } from '../runtime/runtime';
import { CONSOLE_SETTINGS } from './console.tokens';
import { ConsoleConfigDto } from './console-config.dto';
import type { ConsoleSettings, ConsoleSignIn } from './console-settings';

export interface ConsoleConfigResponse {
  signIn: ConsoleSignIn;
  /** The server's clock: the console counts SLA time from it, not from the browser's clock. */
  serverTime: string;
  /** Each severity's name in the policy in force (a policy file may rename them), most severe first. */
  severities: { severity: number; name: string }[];
}

/**
 * What the console page needs before anyone signs in: how to sign in, the server's time, and the
 * policy's severity names.
 */
@ApiTags('console')
@Controller('console')
export class ConsoleConfigController {
  constructor(
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SUPPORT_POLICY) private readonly policy: SupportPolicy,
  ) {}

  @Public()
  @ApiNoTokenNeeded()
  @Get('config')
  @Header('cache-control', 'no-cache')
  @ApiOperation({ summary: "The support console's sign-in mode (embedded tokens or the OIDC provider)" })
  @ApiOkResponse({ type: ConsoleConfigDto })
  config(): ConsoleConfigResponse {
    const severities = Object.entries(this.policy.severities)
      .map(([severity, { name }]) => ({ severity: Number(severity), name }))
      .sort((a, b) => a.severity - b.severity);
    return { signIn: this.settings.signIn, serverTime: this.clock.now().toISOString(), severities };
  }
}
