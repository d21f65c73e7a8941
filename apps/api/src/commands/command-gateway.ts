import { Inject, Injectable, Optional } from '@nestjs/common';
import { Command, CommandBus } from '@nestjs/cqrs';
import { ProjectionCatchUp } from '../projections/projection-catch-up';
import { DecisionResult } from './decision-runner';

/**
 * Sends commands on the CommandBus and, once their events are stored, waits (briefly) until the
 * read models include them, so a client that reads right after writing sees its own change.
 */
@Injectable()
export class CommandGateway {
  constructor(
    @Inject(CommandBus) private readonly bus: CommandBus,
    @Optional() @Inject(ProjectionCatchUp) private readonly catchUp?: ProjectionCatchUp,
  ) {}

  async send<State>(command: Command<DecisionResult<State>>): Promise<DecisionResult<State>> {
    const result = await this.bus.execute(command);
    if (result.position > 0) await this.catchUp?.waitFor(result.position);
    return result;
  }
}
