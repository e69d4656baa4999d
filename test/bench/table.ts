/** A benchmark figure printed next to its peer, measured in the same run. */
export interface Figure {
  name: string;
  ours: number;
  peer: number;
  unit: string;
  peerName: string;
  /** "lower" when smaller is better (times), "higher" for throughput. */
  better: 'lower' | 'higher';
  goal?: string;
}

export function printTable(title: string, figures: Figure[]): void {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));
  console.log(`\n${title}`);
  console.log('figure'.padEnd(44), 'ours'.padStart(12), 'peer'.padStart(12), 'ratio'.padStart(8), '  peer / goal');
  for (const f of figures) {
    const ratio = f.better === 'lower' ? f.ours / f.peer : f.peer / f.ours;
    console.log(
      f.name.padEnd(44),
      `${fmt(f.ours)} ${f.unit}`.padStart(12),
      `${fmt(f.peer)} ${f.unit}`.padStart(12),
      `${ratio.toFixed(2)}x`.padStart(8),
      ` ${f.peerName}${f.goal ? ` — goal: ${f.goal}` : ''}`,
    );
  }
  console.log('(ratio: our cost relative to the peer; 1.00x = as fast, below 1 = faster)');
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function timeIt(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
