import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { CONSOLE_SETTINGS } from './console.tokens';
import type { ConsoleSettings, ConsoleSignIn } from './console-settings';

/** What the console page needs before anyone signs in: how to sign in. */
@ApiTags('console')
@Controller('console')
export class ConsoleConfigController {
  constructor(@Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings) {}

  @Public()
  @Get('config')
  @Header('cache-control', 'no-cache')
  @ApiOperation({ summary: "The support console's sign-in mode (embedded tokens or the OIDC provider)" })
  config(): { signIn: ConsoleSignIn } {
    return { signIn: this.settings.signIn };
  }
}
