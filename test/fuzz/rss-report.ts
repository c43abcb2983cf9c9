// Preloaded (`node --import`) into a `sitrep` child by the hostile-input tests: when
// SITREP_REPORT_RSS is set, prints the process's peak resident memory on exit, so a test can
// bound the memory the real CLI used. Without the variable it does nothing (the test runner
// also loads it as a file of its own).

import { writeSync } from 'node:fs';

if (process.env.SITREP_REPORT_RSS) {
  process.on('exit', () => {
    writeSync(2, `\nsitrep-peak-rss-kib=${process.resourceUsage().maxRSS}\n`);
  });
}
