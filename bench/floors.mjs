// The floors nps is measured against: reading the file, and csv-parse parsing it to arrays.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const [mode, file] = process.argv.slice(2);
if (mode === 'read') {
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) bytes += chunk.length;
  console.log(JSON.stringify({ bytes }));
} else {
  const counts = { promoters: 0, passives: 0, detractors: 0, blank: 0 };
  let scoreIndex = -1;
  for await (const record of createReadStream(file).pipe(parse({ bom: true }))) {
    if (scoreIndex === -1) {
      scoreIndex = record.indexOf('score');
      continue;
    }
    const cell = record[scoreIndex];
    if (cell === '') counts.blank += 1;
    else if (cell >= 9) counts.promoters += 1;
    else if (cell >= 7) counts.passives += 1;
    else counts.detractors += 1;
  }
  console.log(JSON.stringify(counts));
}
