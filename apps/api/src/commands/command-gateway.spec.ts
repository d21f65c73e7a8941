import type { CommandBus } from '@nestjs/cqrs';
import type { ProjectionCatchUp } from '../projections/projection-catch-up';
import { CommandGateway, MAX_EVENTS_AHEAD_OF_READ_MODELS } from './command-gateway';

describe('CommandGateway', () => {
  const gatewayStoringAt = (position: number) => {
    const waits: number[] = [];
    const bus = { execute: async () => ({ position, revision: 0, state: {} }) } as unknown as CommandBus;
    const catchUp = {
      waitFor: async (reached: number) => {
        waits.push(reached);
        return true;
      },
    } as unknown as ProjectionCatchUp;
    return { gateway: new CommandGateway(bus, catchUp), waits };
  };

  it('answers without waiting for the read models while they are at most the allowed distance behind', async () => {
    const { gateway, waits } = gatewayStoringAt(MAX_EVENTS_AHEAD_OF_READ_MODELS);
    await gateway.send({} as never);
    expect(waits).toEqual([]);
  });

  it('under overload, waits until the read models are back within that distance of the write', async () => {
    const { gateway, waits } = gatewayStoringAt(MAX_EVENTS_AHEAD_OF_READ_MODELS + 500);
    await gateway.send({} as never);
    expect(waits).toEqual([500]);
  });
});
