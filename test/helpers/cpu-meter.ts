import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll } from 'vitest';

// Opt-in (HANDOVER_CPU_LOG=<file>, see vitest.config.ts): after each test file, one JSON line with the CPU its
// worker process spent (import, tests) plus what its reaped children spent (Chromium, CLI processes, kill-test
// children) — wall-clock durations mean nothing on a shared, loaded machine; CPU seconds do. Chromium's renderers
// outlive its browser process and are reaped by init, not counted here: to count them, point HANDOVER_CHROMIUM at a
// wrapper that runs Chromium under a child subreaper (prctl PR_SET_CHILD_SUBREAPER) and reaps its whole tree.
const log = process.env.HANDOVER_CPU_LOG;
if (log) {
  // eslint-disable-next-line no-empty-pattern -- vitest reads a hook's first parameter as fixtures; the file is the second
  afterAll(({}, suite) => {
    // /proc/self/stat: fields after the command's closing parenthesis; utime, stime, cutime, cstime are 14–17.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime = 0, stime = 0, cutime = 0, cstime = 0] = fields.slice(11, 15).map(Number);
    const file = 'filepath' in suite ? String(suite.filepath) : suite.name;
    appendFileSync(log, `${JSON.stringify({ file, self: (utime + stime) / 100, children: (cutime + cstime) / 100, at: Date.now() })}\n`);
  });
}
