// The floors nps is measured against: reading the file, and csv-parse parsing it to arrays;
// for a workbook, inflating its sheet (yauzl and zlib, as nps does) without parsing it.
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { parse } from 'csv-parse';
import yauzl from 'yauzl';

const [mode, file] = process.argv.slice(2);
if (mode === 'inflate') {
  const zip = await new Promise((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))));
  const sheet = await new Promise((resolve, reject) => {
    zip.on('entry', (entry) => (entry.fileName === 'xl/worksheets/sheet1.xml' ? resolve(entry) : zip.readEntry()));
    zip.on('end', () => reject(new Error('no sheet1.xml')));
    zip.readEntry();
  });
  const raw = await new Promise((resolve, reject) => zip.openReadStream(sheet, { decodeFileData: false }, (error, stream) => (error ? reject(error) : resolve(stream))));
  let bytes = 0;
  for await (const chunk of raw.pipe(createInflateRaw({ chunkSize: 1 << 16 }))) bytes += chunk.length;
  zip.close();
  console.log(JSON.stringify({ bytes }));
} else if (mode === 'read') {
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
