import { commandIdFor } from '../../../apps/api/src/shared/request-context';
import { ApiClient, NoAnswer } from './http-client';
import type { SeededWorld } from './seed';

/** One command as sent: always with an Idempotency-Key, so its events can be found (and it can be resent). */
export interface SentCommand {
  kind: 'open' | 'comment' | 'severity';
  path: string;
  token: string;
  actorEmail: string;
  key: string;
  body: Record<string, unknown>;
  /** The id the API derives from the key and stores in the events' metadata. */
  commandId: string;
}

export interface AnsweredCommand extends SentCommand {
  status: number;
  /** For a 2xx: the `{id, revision}` the API acknowledged. */
  id?: string;
  revision?: number;
}

/**
 * Several concurrent clients sending a realistic mix of case commands (open, comment, severity
 * change) until stopped, recording every answer and every request that got none (the server died
 * with it in flight).
 */
export class CommandLoad {
  readonly answered: AnsweredCommand[] = [];
  readonly unanswered: SentCommand[] = [];
  private readonly caseIds: string[] = [];
  private stopped = false;
  private sequence = 0;
  private running: Promise<void>[] = [];
  private readonly ackWaiters: { count: number; resolve: () => void }[] = [];

  constructor(
    private readonly client: ApiClient,
    private readonly world: SeededWorld,
    initialCaseIds: string[],
    private readonly runId: string,
  ) {
    this.caseIds.push(...initialCaseIds);
  }

  get acknowledged(): AnsweredCommand[] {
    return this.answered.filter((command) => command.status >= 200 && command.status < 300);
  }

  start(clients: number): void {
    this.running = Array.from({ length: clients }, () => this.runClient());
  }

  /** Resolves once `count` commands have been acknowledged with a 2xx. */
  acknowledgements(count: number): Promise<void> {
    if (this.acknowledged.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.ackWaiters.push({ count, resolve }));
  }

  /** Stops sending; resolves when every client's last request has been answered or has failed. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  /** The next command of the mix: deterministic for a given sequence number. */
  private nextCommand(): SentCommand {
    const n = this.sequence++;
    const key = `${this.runId}-${n}`;
    const caseId = this.caseIds[(n * 7919) % this.caseIds.length];
    const customer = { token: this.world.customerToken, actorEmail: this.world.customerEmail };
    const engineer = { token: this.world.engineerToken, actorEmail: this.world.engineerEmail };
    switch (n % 5) {
      case 0:
        return this.command('open', '/v1/cases', customer, key, {
          licenceId: this.world.licenceId,
          title: `Case ${key}`,
          description: 'Opened under load',
          severity: 3,
          channel: 'web',
        });
      case 1:
      case 2:
        return this.command('comment', `/v1/cases/${caseId}/comments`, customer, key, {
          body: `Customer note ${key}`,
        });
      case 3:
        return this.command('comment', `/v1/cases/${caseId}/comments`, engineer, key, {
          body: `Engineer reply ${key}`,
        });
      default:
        return this.command('severity', `/v1/cases/${caseId}/severity`, engineer, key, {
          severity: n % 2 === 0 ? 2 : 3,
          reason: `Reassessed ${key}`,
        });
    }
  }

  private command(
    kind: SentCommand['kind'],
    path: string,
    who: { token: string; actorEmail: string },
    key: string,
    body: Record<string, unknown>,
  ): SentCommand {
    const commandId = commandIdFor(
      { sub: who.actorEmail, email: who.actorEmail, roles: [] },
      `POST ${path}`,
      key,
    )!;
    return { kind, path, ...who, key, body, commandId };
  }

  private async runClient(): Promise<void> {
    while (!this.stopped) {
      const command = this.nextCommand();
      try {
        const answer = await send(this.client, command);
        this.answered.push(answer);
        if (answer.status === 201 && command.kind === 'open' && answer.id) this.caseIds.push(answer.id);
        this.notifyAcks();
      } catch (error) {
        if (!(error instanceof NoAnswer)) throw error;
        this.unanswered.push(command);
        // The server is gone; this client's work is over.
        return;
      }
    }
  }

  private notifyAcks(): void {
    const count = this.acknowledged.length;
    for (const waiter of [...this.ackWaiters]) {
      if (count < waiter.count) continue;
      this.ackWaiters.splice(this.ackWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

/** Sends (or resends) one command with its Idempotency-Key. */
export async function send(client: ApiClient, command: SentCommand): Promise<AnsweredCommand> {
  const answer = await client.post(command.path, {
    token: command.token,
    headers: { 'idempotency-key': command.key },
    body: command.body,
  });
  const body = answer.body as { id?: string; revision?: number };
  return { ...command, status: answer.status, id: body?.id, revision: body?.revision };
}
