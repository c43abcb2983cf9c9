#!/usr/bin/env node
// The `sitrep` command: runs the compiled CLI (npm install builds it through `prepare`).
import { main } from '../dist/src/interfaces/cli/main.js';

// A closed pipe (`sitrep search x | head`) ends the output quietly, as other commands do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
