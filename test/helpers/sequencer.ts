import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const CI_DURATIONS = JSON.parse(readFileSync(join(__dirname, 'file-durations.json'), 'utf8')) as Record<string, number>;

/**
 * The order in which vitest hands files to its workers. Within each project: the failed first, then the longest
 * first — by this machine's last run where vitest has one, else by file-durations.json (seconds per file in the last
 * full CI run: a fresh CI checkout has no vitest cache, and vitest then went by file size, which left
 * standalone-cli, 28 s in 2 KB, to run alone at the very end); a file in neither (a new one) goes first, as in vitest.
 * Then the two projects are dealt out in turn — an end-to-end file, a Node file, another of each — where vitest would
 * start every end-to-end file first: an end-to-end file mostly waits (on Chromium's frames, antd's motion, the polls),
 * about a third of a core, while a Node file computes, so two at once left a core half idle for the first half of
 * the run, and the Node files then queued behind each other.
 */
export default class InterleavedSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const known = (f: TestSpecification) => {
      const path = relative(root, f.moduleId).replaceAll('\\', '/');
      const last = this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(root, f.moduleId)}`);
      const seconds = last ? last.duration / 1000 : CI_DURATIONS[path];
      return { failed: last?.failed === true, seconds: seconds ?? Number.POSITIVE_INFINITY };
    };
    const byCost = (list: TestSpecification[]) =>
      list
        .map((f) => ({ f, ...known(f) }))
        .sort((a, b) => Number(b.failed) - Number(a.failed) || b.seconds - a.seconds)
        .map(({ f }) => f);
    const e2e = byCost(files.filter((f) => f.project.name === 'e2e'));
    const node = byCost(files.filter((f) => f.project.name !== 'e2e'));
    const dealt: TestSpecification[] = [];
    for (let i = 0; i < Math.max(e2e.length, node.length); i++) dealt.push(...[e2e[i], node[i]].filter((f) => f !== undefined));
    return dealt;
  }
}
