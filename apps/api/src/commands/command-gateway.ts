import { Inject, Injectable, Optional } from '@nestjs/common';
import { Command, CommandBus } from '@nestjs/cqrs';
import { ProjectionCatchUp } from '../projections/projection-catch-up';
import { DecisionResult } from './decision-runner';

/**
 * How far (in events) stored writes may run ahead of the read models. Below it a command never
 * waits for them; above it (a sustained overload the projections cannot keep up with) commands
 * slow down to the projections' pace, so the read models, and the reads that wait for them, never
 * fall ever further behind.
 */
export const MAX_EVENTS_AHEAD_OF_READ_MODELS = 2_000;

/**
 * Sends commands on the CommandBus. A command answers as soon as its events are stored: it does
 * not wait for the read models. Read-your-writes is kept on the read side instead (every read of
 * the read models first waits until they include what was stored before it, see
 * ProjectionCatchUp), so a write is never held up by projections nobody reads yet.
 */
@Injectable()
export class CommandGateway {
  constructor(
    @Inject(CommandBus) private readonly bus: CommandBus,
    @Optional() @Inject(ProjectionCatchUp) private readonly catchUp?: ProjectionCatchUp,
  ) {}

  async send<State>(command: Command<DecisionResult<State>>): Promise<DecisionResult<State>> {
    const result = await this.bus.execute(command);
    const readModelsMustReach = result.position - MAX_EVENTS_AHEAD_OF_READ_MODELS;
    if (readModelsMustReach > 0) await this.catchUp?.waitFor(readModelsMustReach);
    return result;
  }
}
