import { Global, Module } from '@nestjs/common';
import { CommandGateway } from './command-gateway';
import { DecisionRunner } from './decision-runner';

@Global()
@Module({ providers: [DecisionRunner, CommandGateway], exports: [DecisionRunner, CommandGateway] })
export class CommandsModule {}
