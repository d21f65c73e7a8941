import { simulateSupport, type SimulatedAppend, type SimulationOptions } from './support-simulation';

const SMALL: SimulationOptions = { cases: 40, end: '2026-03-01T00:00:00.000Z', days: 10, seed: 7 };

function simulate(options: SimulationOptions): SimulatedAppend[] {
  return [...simulateSupport(options)];
}

function customerCommentBodies(appends: SimulatedAppend[]): string[] {
  return appends
    .flatMap((append) => append.events)
    .filter((event) => event.type === 'CommentAdded' && !(event.data as { byStaff: boolean }).byStaff)
    .map((event) => (event.data as { body: string }).body);
}

describe('simulateSupport', () => {
  it('gives the same history for the same seed', () => {
    const types = (appends: SimulatedAppend[]) =>
      appends.flatMap((append) => append.events.map((e) => e.type));
    expect(types(simulate(SMALL))).toEqual(types(simulate(SMALL)));
  });

  it('pastes a log of about logBytes into every customer comment, and changes nothing else', () => {
    const plain = simulate(SMALL);
    const heavy = simulate({ ...SMALL, logBytes: 2_000 });
    const bodies = customerCommentBodies(heavy);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(body.length).toBeGreaterThan(1_900);
      expect(body.length).toBeLessThan(2_200);
    }
    expect(customerCommentBodies(plain).every((body) => body.length < 100)).toBe(true);
    const shape = (appends: SimulatedAppend[]) => appends.map((append) => [append.stream, append.at]);
    expect(shape(heavy)).toEqual(shape(plain));
  });

  it('keeps a pasted log within the longest comment the domain takes', () => {
    const bodies = customerCommentBodies(simulate({ ...SMALL, logBytes: 1_000_000 }));
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(20_000);
  });
});
