// H15 scratch: parse-only loop.
import { readEvidenceDirectory, nodeEvidenceCodec } from '@preflight/core/node';
import { parseEntryLine } from '@preflight/core';
const contents = await readEvidenceDirectory(process.argv[2] as string);
const headers = new Map();
for (let rep = 0; rep < 5; rep++) {
  const c = process.cpuUsage(); const t = performance.now();
  let n = 0;
  for (const line of contents.entries) { const p = parseEntryLine(line, { headers, ...nodeEvidenceCodec }); if (p.ok) n++; }
  const u = process.cpuUsage(c);
  console.log('parse cpu µs/line', ((u.user + u.system) / contents.entries.length).toFixed(1), 'wall', ((performance.now() - t) * 1000 / contents.entries.length).toFixed(1), n);
}
