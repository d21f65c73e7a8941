import Database from 'better-sqlite3';
import { Body, Controller, Headers, HttpCode, Module, Post, UnauthorizedException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { jwtVerify } from 'jose';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { v7 as uuidv7 } from 'uuid';
import { applyDurablePragmas } from '@casetrail/eventstore/sqlite/sqlite-schema';
import { CASES } from '@casetrail/readmodels/cases/cases.projection';
import { tableName } from '@casetrail/readmodels/sqlite/sqlite-names';
import { BENCH_SECRET, openCaseBody, startBenchApi } from './bench-api';
import { openLikeReadModelStore } from './store-once-floor';

/**
 * The HTTP bench's floor: the least work one POST /v1/cases implies in this product, in the bare
 * endpoint's setup (NestJS on Fastify), written without any of the product's code:
 * - the bearer token checked (HS256, each token string verified once, as the product caches it);
 * - one event appended to SQLite (WAL, synchronous FULL), with its SHA-256, in group commits;
 * - read-model rows the product's projections write for an opened case (all or some of them, see
 *   FloorReadModels; same tables, same indexes, same documents: copied from a real opening),
 *   written on a worker thread, one SQLite transaction per group, as the projector thread does;
 * - the answer once those rows are stored, so the read models keep up with what is measured.
 * No validation, authorization, decision, licence lookup, idempotency or projection logic: no
 * implementation that keeps the same read models in SQLite can answer faster on the same cores.
 */

/**
 * Which of an opening's read-model rows the floor writes:
 * - all: every row the product's projections write (the floor of this product);
 * - case-row: only the case's own row, its detail document with the queue columns and indexes (the
 *   floor of a design with one row per case that still stores today's detail document);
 * - queue-row: the same row with the queue columns and indexes but a document holding only the id
 *   (the floor of the leanest design: queues from indexed columns, the detail folded from the
 *   case's stream when read);
 * - none: answer once appended, to see what keeping read models costs at all.
 */
export type FloorReadModels = 'all' | 'case-row' | 'queue-row' | 'none';

interface Template {
  caseId: string;
  event: { stream: string; type: string; data: string; metadata: string };
  eventsSchema: string[];
  readModelSchema: string[];
  rows: { table: string; columns: string[]; values: unknown[]; doc: unknown }[];
}

interface FloorSettings {
  template: Template;
  readModelsFile: string;
}

/** Opens one case on the real API and copies what it stored: the event and every read-model row it made. */
async function recordOneOpening(which: FloorReadModels): Promise<Template> {
  const api = await startBenchApi();
  try {
    const response = await api.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${api.customerToken}` },
      payload: openCaseBody(api.licenceId, 'Checkout slow'),
    });
    const caseId = response.json<{ id: string }>().id;
    // Its detail answers once every projection has it (consistent read).
    await api.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}`,
      headers: { authorization: `Bearer ${api.customerToken}` },
    });
    const events = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true });
    const readModels = new Database(join(api.dataDir, 'readmodels.sqlite'), { readonly: true });
    try {
      const schemaOf = (db: Database.Database, filter: string) =>
        db
          .prepare(`SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND ${filter} ORDER BY type DESC`)
          .pluck()
          .all() as string[];
      const event = events
        .prepare(
          'SELECT stream, type, data, metadata FROM events WHERE type = ? ORDER BY position DESC LIMIT 1',
        )
        .get('CaseOpened') as Template['event'];
      const rows: Template['rows'] = [];
      const tables = readModels
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm\\_%' ESCAPE '\\'`)
        .pluck()
        .all() as string[];
      const kept = which === 'all' ? tables : which === 'none' ? [] : [tableName(CASES)];
      for (const table of kept) {
        for (const row of readModels
          .prepare(`SELECT * FROM "${table}" WHERE doc LIKE ?`)
          .all(`%${caseId}%`) as Record<string, unknown>[]) {
          const columns = Object.keys(row);
          rows.push({
            table,
            columns,
            values: columns.map((column) => row[column]),
            doc: which === 'queue-row' ? { id: caseId } : (JSON.parse(row.doc as string) as unknown),
          });
        }
      }
      return {
        caseId,
        event,
        eventsSchema: schemaOf(events, `tbl_name = 'events'`),
        readModelSchema: schemaOf(readModels, `tbl_name LIKE 'rm\\_%' ESCAPE '\\'`),
        rows,
      };
    } finally {
      events.close();
      readModels.close();
    }
  } finally {
    await api.close();
  }
}

/** Worker thread: writes the template's rows for each case id it is sent, one transaction per message. */
function runReadModelWriter({ template, readModelsFile }: FloorSettings): void {
  const db = openLikeReadModelStore(readModelsFile);
  const statements = new Map(
    template.rows.map(({ table, columns }) => [
      table,
      db.prepare(
        `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${columns.map((column) => `"${column}" = excluded."${column}"`).join(', ')}`,
      ),
    ]),
  );
  const checkpoint = db.prepare('UPDATE readmodel_checkpoints SET position = position + 1');
  const withId = (value: unknown, caseId: string) =>
    typeof value === 'string' ? value.replaceAll(template.caseId, caseId) : value;
  const write = db.transaction((caseIds: string[]) => {
    for (const caseId of caseIds) {
      for (const { table, columns, values, doc } of template.rows) {
        statements
          .get(table)!
          .run(
            ...columns.map((column, index) =>
              column === 'doc'
                ? JSON.stringify(doc).replaceAll(template.caseId, caseId)
                : withId(values[index], caseId),
            ),
          );
      }
    }
    checkpoint.run();
  });
  parentPort!.on('message', (caseIds: string[]) => {
    write(caseIds);
    parentPort!.postMessage(caseIds.length);
  });
}

export interface FloorApi {
  app: NestFastifyApplication;
  /** Closes the server, stops the writer thread and removes the floor's files. */
  close(): Promise<void>;
}

export async function createFloorApi(which: FloorReadModels): Promise<FloorApi> {
  const template = await recordOneOpening(which);
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-bench-floor-'));
  const events = new Database(join(dir, 'events.sqlite'));
  applyDurablePragmas(events);
  const readModelsFile = join(dir, 'readmodels.sqlite');
  const readModels = openLikeReadModelStore(readModelsFile);
  for (const sql of template.eventsSchema) events.exec(sql);
  for (const sql of template.readModelSchema) readModels.exec(sql);
  readModels.exec(
    'CREATE TABLE readmodel_checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL)',
  );
  readModels.exec(`INSERT INTO readmodel_checkpoints VALUES ('cases', 0), ('reporting', 0)`);
  readModels.close();

  const writer = new Worker(__filename, { workerData: { template, readModelsFile } satisfies FloorSettings });
  const append = events.prepare(
    'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, 0, ?, ?, ?, ?)',
  );
  const appendGroup = events.transaction((group: Opening[]) => {
    const recordedAt = new Date().toISOString();
    for (const opening of group) {
      append.run(
        opening.eventId,
        opening.stream,
        template.event.type,
        opening.data,
        opening.metadata,
        recordedAt,
      );
    }
  });
  const secret = new TextEncoder().encode(BENCH_SECRET);
  const verified = new Set<string>();
  /** Groups sent to the writer, answered in order as it reports each one stored. */
  const writing: Opening[][] = [];
  let pending: Opening[] = [];

  interface Opening {
    caseId: string;
    eventId: string;
    stream: string;
    data: string;
    metadata: string;
    done: (error?: unknown) => void;
  }

  writer.on('message', () => writing.shift()!.forEach((opening) => opening.done()));
  const commit = () => {
    const group = pending;
    pending = [];
    try {
      appendGroup(group);
    } catch (error) {
      group.forEach((opening) => opening.done(error));
      return;
    }
    if (which === 'none') {
      group.forEach((opening) => opening.done());
      return;
    }
    writing.push(group);
    writer.postMessage(group.map((opening) => opening.caseId));
  };

  @Controller('v1/cases')
  class FloorCasesController {
    @Post()
    @HttpCode(201)
    async open(@Headers('authorization') authorization = '', @Body() body: Record<string, unknown>) {
      if (!verified.has(authorization)) {
        try {
          await jwtVerify(authorization.replace(/^Bearer /, ''), secret, { algorithms: ['HS256'] });
        } catch {
          throw new UnauthorizedException();
        }
        verified.add(authorization);
      }
      const caseId = uuidv7();
      const data = JSON.parse(template.event.data.replaceAll(template.caseId, caseId)) as Record<
        string,
        unknown
      >;
      const content = JSON.stringify({ ...data, title: body.title });
      const metadata = JSON.stringify({
        ...(JSON.parse(template.event.metadata) as object),
        hash: createHash('sha256').update(content).digest('hex'),
      });
      await new Promise<void>((resolve, reject) => {
        if (pending.length === 0) setImmediate(commit);
        pending.push({
          caseId,
          eventId: uuidv7(),
          stream: template.event.stream.replaceAll(template.caseId, caseId),
          data: content,
          metadata,
          done: (error) => (error === undefined ? resolve() : reject(error as Error)),
        });
      });
      return { id: caseId, revision: 0 };
    }
  }

  @Module({ controllers: [FloorCasesController] })
  class FloorModule {}

  const app = await NestFactory.create<NestFastifyApplication>(
    FloorModule,
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    { logger: ['error', 'warn'] },
  );
  await app.init();
  return {
    app,
    async close() {
      await app.close();
      await writer.terminate();
      events.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (!isMainThread && (workerData as Partial<FloorSettings> | undefined)?.template) {
  runReadModelWriter(workerData as FloorSettings);
}
