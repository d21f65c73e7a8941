import { Global, Module } from '@nestjs/common';
import { CommandGateway } from './command-gateway';
import { CreationIds } from './creation-ids';
import { DecisionRunner } from './decision-runner';

@Global()
@Module({
  providers: [DecisionRunner, CommandGateway, CreationIds],
  exports: [DecisionRunner, CommandGateway, CreationIds],
})
export class CommandsModule {}
