import { runFoundation } from './foundation';

// `npm run bench`: every figure next to its peer measured in the same run. Never a pass/fail.
void (async () => {
  console.log(`Handover Vault benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  await runFoundation();
})();
