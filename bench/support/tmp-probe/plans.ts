import { openSqliteReadModelStore } from '@casetrail/readmodels';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { seedOpenCases } from '../queue-cases';
const file = process.env.F ?? '/tmp/queue100k/readmodels.sqlite';
async function main() {
  if (!existsSync(file)) {
    const store = openSqliteReadModelStore(file);
    await seedOpenCases(store, 100_000, Date.parse('2026-11-26T07:00:00Z'));
    await store.close();
  }
  const db = new Database(file);
  if (process.argv[2] === 'analyze') db.exec('ANALYZE');
  if (process.argv[2] === 'optimize') db.pragma('optimize=0x10002');
  const now = '2026-11-26T07:00:00.000Z';
  const qs: Record<string, [string, unknown[]]> = {
    open: ['f_active = ?', [1]],
    breaching: ['f_active = ? AND f_nextDueAt <= ?', [1, now]],
    atrisk: ['f_active = ? AND f_nextAtRiskAt <= ? AND f_nextDueAt > ? AND f_nextDueAt < ?', [1, now, now, '9999-12-31T23:59:59.999Z']],
    awaiting: ['f_status = ?', ['awaiting-customer']],
    mc: ['f_active = ? AND f_missionCritical = ?', [1, 1]],
    sev2: ['f_active = ? AND f_severity = ?', [1, 2]],
    escalated: ['f_escalated = ?', [1]],
  };
  for (const [name, [where, params]] of Object.entries(qs)) {
    const sql = `SELECT doc, f_priorityRank AS k0, f_nextDueAt AS k1, id AS k2 FROM rm_cases WHERE ${where} AND 1 AND 1 ORDER BY f_priorityRank ASC, f_nextDueAt ASC, id ASC LIMIT ?`;
    const plan = db.prepare('EXPLAIN QUERY PLAN ' + sql).all(...params, 51).map((r: any) => r.detail).join(' | ');
    const st = db.prepare(sql);
    const s = performance.now(); for (let i = 0; i < 20; i++) st.all(...params, 51); const ms = (performance.now() - s) / 20;
    const count = (db.prepare(`SELECT count(*) c FROM rm_cases WHERE ${where}`).get(...params) as any).c;
    console.log(name.padEnd(10), ms.toFixed(2).padStart(8), 'ms', String(count).padStart(7), plan);
  }
}
main();
