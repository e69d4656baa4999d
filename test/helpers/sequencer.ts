import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order in which vitest hands files to its workers. Within each project it is vitest's own: the longest
 * first by the last run's durations, by file size where there are none (CI, a fresh install). Then the two
 * projects are dealt out in turn — an end-to-end file, a Node file, another of each — where vitest would start
 * every end-to-end file first: an end-to-end file mostly waits (on Chromium's frames, antd's motion, the polls),
 * about a third of a core, while a Node file computes, so two at once left a core half idle for the first half
 * of the run, and the Node files then queued behind each other.
 */
export default class InterleavedSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const e2e = sorted.filter((f) => f.project.name === 'e2e');
    const node = sorted.filter((f) => f.project.name !== 'e2e');
    const dealt: TestSpecification[] = [];
    for (let i = 0; i < Math.max(e2e.length, node.length); i++) dealt.push(...[e2e[i], node[i]].filter((f) => f !== undefined));
    return dealt;
  }
}
