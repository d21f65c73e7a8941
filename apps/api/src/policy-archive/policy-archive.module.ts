import { Module } from '@nestjs/common';
import { PolicyVersionsController } from './policy-versions.controller';
import { PolicyVersionsReader } from './policy-versions.reader';

/** Reads of the support policy archive (the stream `support-policy-versions`). */
@Module({
  controllers: [PolicyVersionsController],
  providers: [PolicyVersionsReader],
})
export class PolicyArchiveModule {}
