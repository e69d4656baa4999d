import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house plan (issue 18), checked on the sources: electron/core has no import circle, and the SQL on
 * each table lives in its domain's store (`<domain>/store.ts` or `<domain>/*-store.ts`). Migrations and
 * the read models listed in READ_MODELS, which join several domains, may read any table.
 */
const CORE = resolve(__dirname, '../../electron/core');

/** Which domain owns each table. A new table must be given an owner here. */
const TABLE_DOMAIN: Record<string, string> = {
  access_log: 'audit',
  checkpoints: 'audit',
  users: 'users',
  roles: 'roles',
  vault_keys: 'vault',
  counterparty_keys: 'keys',
  clients: 'clients',
  client_contacts: 'clients',
  client_transactions: 'clients',
  client_communications: 'clients',
  import_mappings: 'clients',
  settings: 'clients',
  documents: 'documents',
  document_chunks: 'documents',
  handovers: 'handovers',
  handover_approvals: 'handovers',
  handover_checklist: 'handovers',
  handover_clients: 'handovers',
  handover_files: 'handovers',
  handover_followups: 'handovers',
  handover_ndas: 'handovers',
  handover_notices: 'handovers',
  handover_risks: 'handovers',
  dataroom_events: 'datarooms',
  dataroom_questions: 'datarooms',
  dataroom_sessions: 'datarooms',
  compensation_negotiations: 'compensation',
  compensation_payments: 'compensation',
  compensation_proposals: 'compensation',
  compensation_standards: 'compensation',
  received_commitments: 'compensation',
};

/**
 * The named exception of issue 18: modules of queries that join several domains for one screen or
 * check, each query with a one-line reason in the module. Keep this list explicit and small.
 */
const READ_MODELS: Record<string, string> = {
  'roles/scope-read-model.ts': 'which clients, documents, handovers and data-room sessions a scoped user may see (the router checks ids with it)',
  'handovers/completeness-read-model.ts': "资料完整度 item by item: a handover's included clients with their fields, contacts, transactions, communications and documents",
  'handovers/read-models.ts': "a handover's client rows with the clients' names, contacts, figures and documents (detail, client table, notices, PIPL counter)",
  'datarooms/read-model.ts': "data-room questions and sessions with their client's code, document's name or handover's reference",
  'datarooms/report-read-model.ts': 'a signed data-room report narrowed to the clients a scoped viewer may see',
  'compensation/proposals-read-model.ts': "compensation proposals with their clients, the handover's scope and reference, and the agreements' documents",
  'packages/read-model.ts': "a package's and an archive's clients, documents and notices, with the handover's scope and the clients' codes",
};

/**
 * SQL outside its table's store that is still waiting for its domain's move. Empty since every domain's
 * SQL moved into its stores and read models; it may only shrink, never grow: an entry whose SQL has moved
 * fails the test below, so the list cannot go stale.
 */
const NOT_YET_IN_ITS_STORE: Record<string, string[]> = {
};

function coreFiles(dir = CORE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return coreFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

const name = (file: string) => relative(CORE, file).split('\\').join('/');
const withoutComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** The relative modules a file imports or re-exports (type-only ones included: a circle of types is still a circle to a reader). */
export function importsOf(file: string, src: string): string[] {
  const specs = [...withoutComments(src).matchAll(/(?:^|[\s;])(?:import|export)\s[^;'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.flatMap((spec) => {
    const base = resolve(dirname(file), spec);
    const target = [`${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c));
    return target && target.startsWith(CORE) ? [target] : [];
  });
}

/** Every import circle, each as the path that closes it (depth-first, each circle reported once). */
export function importCircles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const circles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') circles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return circles;
}

/** The tables a file's SQL names (upper-case keywords, as every statement here is written). */
export function tablesInSql(src: string): string[] {
  const names = [...withoutComments(src).matchAll(/\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+([a-z_]+)\b/g)].map((m) => m[1]!);
  return [...new Set(names.filter((t) => t in TABLE_DOMAIN))].sort();
}

const mayHoldSqlOn = (file: string, table: string): boolean => {
  if (file.startsWith('vault/migrations/') || file in READ_MODELS) return true;
  const domain = TABLE_DOMAIN[table]!;
  return file === `${domain}/store.ts` || (file.startsWith(`${domain}/`) && /^[a-z-]+-store\.ts$/.test(file.slice(domain.length + 1)));
};

describe('the house plan inside electron/core (issue 18)', () => {
  const files = coreFiles();

  it('the helpers find what they look for (a circle, a statement on a table)', () => {
    expect(importCircles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(importCircles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
    expect(tablesInSql("db.prepare('SELECT u.name FROM users u JOIN roles r ON r.name = u.role')")).toEqual(['roles', 'users']);
    expect(tablesInSql('// the users FROM the list\nconst a = 1;')).toEqual([]);
    expect(tablesInSql("'DELETE FROM access_log'")).toEqual(['access_log']);
  });

  it('has no import circle: a reader can follow any call downwards and never come back', () => {
    const graph = new Map(files.map((f) => [name(f), importsOf(f, readFileSync(f, 'utf8')).map(name)]));
    expect(importCircles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('every table is given a domain (a new migration names its owner here)', () => {
    const created = readdirSync(join(CORE, 'vault/migrations')).flatMap((f) =>
      [...readFileSync(join(CORE, 'vault/migrations', f), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)].map((m) => m[1]!),
    );
    expect(created.filter((t) => !(t in TABLE_DOMAIN))).toEqual([]);
  });

  it('names each read model in READ_MODELS with its reason, and each one listed exists', () => {
    const named = files.map(name).filter((f) => /read-models?\.ts$/.test(f));
    expect(named.sort()).toEqual(Object.keys(READ_MODELS).sort());
  });

  it("keeps each table's SQL in its domain's store (migrations and read models aside)", () => {
    const misplaced: string[] = [];
    const stale: string[] = [];
    for (const f of files) {
      const file = name(f);
      const outside = tablesInSql(readFileSync(f, 'utf8')).filter((t) => !mayHoldSqlOn(file, t));
      const waiting = NOT_YET_IN_ITS_STORE[file] ?? [];
      for (const t of outside) if (!waiting.includes(t)) misplaced.push(`${file}: SQL on ${t} belongs in a store of ${TABLE_DOMAIN[t]}/`);
      for (const t of waiting) if (!outside.includes(t)) stale.push(`${file}: no SQL on ${t} any more; remove it from NOT_YET_IN_ITS_STORE`);
    }
    expect(misplaced).toEqual([]);
    expect(stale).toEqual([]);
  });
});

/**
 * Files a reader can hold in their head (issue 18, "Done when"): no source file under electron/, renderer/ or
 * shared/ is over MAX_LINES, apart from the declarative tables named here, which are lists to look things up in,
 * not code to follow. Split a file along its seams rather than adding it here.
 */
const ROOT = resolve(__dirname, '../..');
const MAX_LINES = 400;
const DECLARATIVE_TABLES: Record<string, string> = {
  'renderer/src/i18n/en.ts': 'the English catalog: one message per line',
  'renderer/src/i18n/zh-CN.ts': 'the Chinese catalog: one message per line, the same keys as en.ts',
  'shared/contract/channels.ts': 'the contract: one entry per channel (access, input and output schemas)',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs|css|html)$/.test(e.name) ? [full] : [];
  });
}

/** Lines as `wc -l` counts them (a last line without its newline counts too). */
export const lineCount = (text: string) => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

describe('files a reader can hold in their head (issue 18)', () => {
  const files = ['electron', 'renderer', 'shared'].flatMap((d) => sourceFiles(join(ROOT, d)));
  const sizes = new Map(files.map((f) => [relative(ROOT, f).split('\\').join('/'), lineCount(readFileSync(f, 'utf8'))]));

  it('counts lines as wc -l does', () => {
    expect([lineCount(''), lineCount('a'), lineCount('a\n'), lineCount('a\nb'), lineCount('a\n\nb\n')]).toEqual([0, 1, 1, 2, 3]);
  });

  it(`has no file under electron/, renderer/ or shared/ over ${MAX_LINES} lines, declarative tables aside`, () => {
    expect(sizes.size).toBeGreaterThan(100);
    const over = [...sizes].filter(([file, n]) => n > MAX_LINES && !(file in DECLARATIVE_TABLES)).map(([file, n]) => `${file}: ${n} lines`);
    expect(over).toEqual([]);
  });

  it('names only tables that exist and need the exception (the list cannot go stale)', () => {
    const stale = Object.keys(DECLARATIVE_TABLES).filter((file) => (sizes.get(file) ?? 0) <= MAX_LINES);
    expect(stale).toEqual([]);
  });
});
