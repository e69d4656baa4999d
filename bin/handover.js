#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'out', 'cli', 'handover.cjs');
if (!existsSync(built)) {
  process.stderr.write('handover: the CLI is not built yet; run "npm ci" (or "node scripts/build-cli.mjs") in the project folder\n');
  process.exit(1);
}
require(built);
