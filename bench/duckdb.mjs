// DuckDB's count of the three groups, for comparison; needs `npm install --no-save @duckdb/node-api`.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2].replace(/'/g, "''");
const connection = await (await DuckDBInstance.create(':memory:')).connect();
// Every column read as text (the export's columns vary with the generator), the score cast here,
// as a data person would write it.
const result = await connection.runAndReadAll(
  `with answers as (select try_cast(nullif(score, '') as integer) as score
                   from read_csv('${file}', header = true, all_varchar = true))
   select count(*) filter (where score >= 9), count(*) filter (where score between 7 and 8),
          count(*) filter (where score <= 6), count(*) filter (where score is null)
   from answers`,
);
const [promoters, passives, detractors, blank] = (result.getRows()[0] ?? []).map(Number);
console.log(JSON.stringify({ promoters, passives, detractors, blank }));
