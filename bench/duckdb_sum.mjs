// Baseline for the benchmark: DuckDB's read_csv + GROUP BY on an export, summing one cost
// column exactly (DECIMAL(38,10)) per payer account, what a data-savvy finance team reaches for.
// node bench/duckdb_sum.mjs FILE.csv[.gz] COLUMN   (needs @duckdb/node-api; bench/run installs it)
import { DuckDBInstance } from '@duckdb/node-api';

const [file, column] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const quoted = column.replaceAll('"', '""');
const result = await connection.runAndReadAll(
  `SELECT "bill/PayerAccountId" AS account, sum(CAST("${quoted}" AS DECIMAL(38,10))) AS total ` +
  `FROM read_csv('${file.replaceAll("'", "''")}', all_varchar = true) GROUP BY 1 ORDER BY 1`);
for (const row of result.getRowObjects()) console.log(`${row.account} ${row.total}`);
