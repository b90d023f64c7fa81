// Preloaded into each timed node process: records its peak memory when it exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const file = process.env.NPS_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
