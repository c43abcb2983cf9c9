#!/usr/bin/env node
// The `sitrep` command: runs the compiled CLI (npm install builds it through `prepare`).
import { main } from '../dist/src/interfaces/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
