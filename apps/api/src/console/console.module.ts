import { DynamicModule, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { registerConsoleAssets } from './console-assets';
import { ConsoleConfigController } from './console-config.controller';
import type { ConsoleSettings } from './console-settings';
import { CONSOLE_SETTINGS } from './console.tokens';

/**
 * The support console: a static single-page app (apps/console, built by Vite) served at `/`, which
 * uses only the public API with the signed-in person's bearer token.
 */
@Module({})
export class ConsoleModule implements OnModuleInit {
  /** With settings already validated (loadApiSettings, before any store is opened). */
  static register(settings: ConsoleSettings): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [ConsoleConfigController],
      providers: [{ provide: CONSOLE_SETTINGS, useValue: settings }],
    };
  }

  private readonly logger = new Logger('Console');

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (await registerConsoleAssets(fastify, this.settings)) return;
    this.logger.warn(
      `The console is not built (no index.html in ${this.settings.directory}); run \`npm run build:console\` to serve it at /`,
    );
  }
}
