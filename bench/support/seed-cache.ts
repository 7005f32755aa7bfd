import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { nowMs } from './timing';

/** dist/, the compiled code a seed is made by. */
const DIST = join(__dirname, '..', '..');
const CACHE_DIR = process.env.CRM_BENCH_CACHE ?? join(DIST, '..', '.bench-cache');

export interface SeedFile<Info> {
  /** The seeded SQLite file, to be opened in place and only read. */
  file: string;
  info: Info;
  /** How long building it took, in this run or the one that cached it. */
  builtSeconds: number;
  fromCache: boolean;
}

/** A loaded module and every module of ours it loads, directly or not (libraries excluded). */
function ownModules(filename: string, found = new Set<string>()): Set<string> {
  if (found.has(filename) || !filename.startsWith(DIST)) return found;
  found.add(filename);
  for (const child of require.cache[filename]?.children ?? []) ownModules(child.filename, found);
  return found;
}

/** The compiled code a module runs: a seed made by other code is another seed. */
function codeHash(module: string): string {
  const hash = createHash('sha256');
  for (const file of [...ownModules(module)].sort()) hash.update(relative(DIST, file)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A seed that takes minutes to build (a million documents and their indexes) is built once and
 * kept under .bench-cache (CRM_BENCH_CACHE), keyed by `name` and by the code that may build it:
 * the module `madeBy` (the scenario's own __filename) with every module of ours it loads, so
 * a rerun of the same code measures instead of seeding again. Only the newest file per name is
 * kept. `build` fills the file it is given and returns what the scenario reports about it.
 */
export async function cachedSeed<Info>(name: string, madeBy: string, build: (file: string) => Promise<Info>): Promise<SeedFile<Info>> {
  const stem = `${name}-${codeHash(madeBy)}`;
  const file = join(CACHE_DIR, `${stem}.sqlite`);
  const infoFile = join(CACHE_DIR, `${stem}.json`);
  if (existsSync(file) && existsSync(infoFile)) {
    const cached = JSON.parse(readFileSync(infoFile, 'utf8')) as { info: Info; builtSeconds: number };
    return { file, ...cached, fromCache: true };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const entry of readdirSync(CACHE_DIR)) if (entry.startsWith(`${name}-`)) rmSync(join(CACHE_DIR, entry), { force: true });
  // Built under a temporary name, so an interrupted build is never taken for a finished one.
  const building = join(CACHE_DIR, `${stem}.building.sqlite`);
  const startedAt = nowMs();
  const info = await build(building);
  const builtSeconds = (nowMs() - startedAt) / 1000;
  // Renamed alone, the file must hold every page: the build closes its connections, which checkpoints the WAL.
  if (existsSync(`${building}-wal`) && statSync(`${building}-wal`).size > 0) throw new Error(`The ${name} seed left its WAL unmerged: close the database it built`);
  rmSync(`${building}-shm`, { force: true });
  renameSync(building, file);
  writeFileSync(infoFile, JSON.stringify({ info, builtSeconds }));
  return { file, info, builtSeconds, fromCache: false };
}

/** How a scenario's notes say where its seed came from. */
export const seedProvenance = (seed: SeedFile<unknown>) =>
  seed.fromCache ? `built in ${seed.builtSeconds.toFixed(0)} s by an earlier run and reused from .bench-cache` : `built in ${seed.builtSeconds.toFixed(0)} s by this run`;
