// Scratch (task A, not committed): push-only figures with server, client and PostgreSQL CPU split.
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { randomHex, uuidv7 } from '../../../shared/ids';
import { addTeam, addUser } from '../../../server/accounts/accounts';
import { hashToken, newDeviceToken } from '../../../server/accounts/secrets';
import { openPostgres } from '../../../server/db/postgres';
import { startServer } from '../../../server/start';

const url = process.env.DATABASE_URL!;
const TEAMS = Number(process.env.TEAMS ?? 1);
const WRITERS = Number(process.env.WRITERS ?? 4);
const OPS = Number(process.env.OPS ?? 5000);
const RUNS = Number(process.env.RUNS ?? 2);

let myPids: number[] = [];
function pgCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (!comm.startsWith('postgres')) continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!myPids.includes(Number(pid)) && !/walwriter|checkpointer|background writer/.test(cmd)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
      if (process.env.PGDEBUG) console.log(pid, cmd.replace(/\0/g, ' ').slice(0, 60), Number(f[11]) + Number(f[12]));
    } catch {}
  }
  return ticks * 10;
}
function allCpuMs(): number {
  const l = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  return (l[0]! + l[1]! + l[2]! + l[5]! + l[6]!) * 10;
}

async function main() {
  const schema = `fbbench_${randomHex(4)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = openPostgres({ connectionString: url + (url.includes('?') ? '&' : '?') + 'application_name=taskA', schema, maxConnections: 20 });
  const { app } = await startServer(db, {
    logger: false,
    rate: { burst: 1e9, perSecond: 1e9 },
    loginRate: { burst: 1e9, perSecond: 1e9 },
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const tokens: string[] = [];
    for (let t = 0; t < TEAMS; t++) {
      const team = `bench-${t}-${randomHex(3)}`;
      await addTeam(db, team);
      for (let w = 0; w < WRITERS; w++) {
        const userId = await addUser(db, { team, email: `b-${t}-${w}-${randomHex(3)}@example.test`, name: 'B', role: 'rep', password: 'bench password 123' });
        const token = newDeviceToken();
        await db.query('INSERT INTO devices (id, user_id, name, token_hash) VALUES ($1, $2, $3, $4)', [uuidv7(), userId, 'b', hashToken(token)]);
        tokens.push(token);
      }
    }
    const child = fork(new URL('../server.bench.ts', import.meta.url).pathname, ['--push-client'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let waiting: ((m: any) => void) | null = null;
    child.on('message', (m) => waiting?.(m));
    const ask = (m: unknown) => new Promise<any>((r) => { waiting = r; child.send(m as any); });
    for (let run = 0; run < RUNS; run++) {
      await ask({ type: 'prepare', base, writers: tokens, opsPerWriter: OPS });
      const ops = tokens.length * OPS;
      myPids = (await admin.query("SELECT pid FROM pg_stat_activity WHERE application_name = 'taskA'")).rows.map((r) => r.pid);
      const t0 = performance.now(); const c0 = process.cpuUsage(); const p0 = pgCpuMs(); const a0 = allCpuMs();
      const done = await ask({ type: 'go' });
      const s = (performance.now() - t0) / 1000; const c = process.cpuUsage(c0); const p = pgCpuMs() - p0; const a = allCpuMs() - a0;
      if (done.type !== 'done') throw new Error(JSON.stringify(done));
      const k = ops / 1000;
      console.log(`run ${run}: ${Math.round(ops / s)} ops/s  node ${((c.user + c.system) / 1000 / k).toFixed(1)} ms/1k  client ${(done.cpuMs / k).toFixed(1)}  pg ${(p / k).toFixed(1)}  machine ${(a / k).toFixed(1)} (${(a / 1000 / s).toFixed(2)} cores)`);
    }
    child.kill();
    const st = await admin.query(`SELECT relname, seq_scan, seq_tup_read, idx_scan, n_live_tup, last_autoanalyze, n_tup_upd, n_tup_hot_upd, n_dead_tup FROM pg_stat_user_tables WHERE schemaname = $1`, [schema]);
    console.table(st.rows);
  } finally {
    await app.close();
    await db.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
