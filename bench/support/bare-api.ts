import { Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';

/**
 * The HTTP baseline: NestJS on Fastify with one POST endpoint that answers 201 and an id, as
 * POST /v1/cases does, but with no auth, validation, decision, storage or projection.
 */
@Controller('v1/cases')
class BareCasesController {
  @Post()
  open() {
    return { id: randomUUID(), revision: 0 };
  }
}

@Module({ controllers: [BareCasesController] })
class BareModule {}

export async function createBareApi(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    BareModule,
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    {
      logger: ['error', 'warn'],
    },
  );
  await app.init();
  return app;
}
