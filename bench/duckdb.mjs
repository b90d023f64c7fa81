// DuckDB's count of the three groups, for comparison; needs `npm install --no-save @duckdb/node-api`.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2].replace(/'/g, "''");
const connection = await (await DuckDBInstance.create(':memory:')).connect();
const result = await connection.runAndReadAll(
  `select count(*) filter (where score >= 9), count(*) filter (where score between 7 and 8),
          count(*) filter (where score <= 6), count(*) filter (where score is null)
   from read_csv('${file}', header = true, columns = {'response_id': 'VARCHAR', 'email': 'VARCHAR',
     'created_at': 'VARCHAR', 'plan': 'VARCHAR', 'region': 'VARCHAR', 'account': 'VARCHAR', 'score': 'INTEGER', 'comment': 'VARCHAR'})`,
);
const [promoters, passives, detractors, blank] = (result.getRows()[0] ?? []).map(Number);
console.log(JSON.stringify({ promoters, passives, detractors, blank }));
