import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { CLOCK, Clock } from '../runtime/runtime';
import { CONSOLE_SETTINGS } from './console.tokens';
import type { ConsoleSettings, ConsoleSignIn } from './console-settings';

export interface ConsoleConfigResponse {
  signIn: ConsoleSignIn;
  /** The server's clock: the console counts SLA time from it, not from the browser's clock. */
  serverTime: string;
}

/** What the console page needs before anyone signs in: how to sign in, and the server's time. */
@ApiTags('console')
@Controller('console')
export class ConsoleConfigController {
  constructor(
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Public()
  @Get('config')
  @Header('cache-control', 'no-cache')
  @ApiOperation({ summary: "The support console's sign-in mode (embedded tokens or the OIDC provider)" })
  config(): ConsoleConfigResponse {
    return { signIn: this.settings.signIn, serverTime: this.clock.now().toISOString() };
  }
}
