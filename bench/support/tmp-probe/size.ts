import { buildCaseHistory } from '../case-history';
const h = buildCaseHistory(1000);
const sizes: Record<string, [number, number]> = {};
for (const e of h) { const s = JSON.stringify(e.data).length; const c = sizes[e.type] ?? [0, 0]; sizes[e.type] = [c[0] + 1, c[1] + s]; }
console.log(Object.entries(sizes).map(([k, [n, s]]) => `${k} n=${n} avg=${Math.round(s / n)}`).join('\n'));
console.log('total KB', Math.round(h.reduce((a, e) => a + JSON.stringify(e.data).length, 0) / 1024));
