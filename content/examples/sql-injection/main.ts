import mysql, { type RowDataPacket } from "mysql2/promise";
import * as spans from "tutorial/spans";

interface Customer extends RowDataPacket {
	id: number;
	name: string;
	city: string;
}

// The runner gives us the URL of `database`; each shard is a database beside it.
function shardUrl(shard: string): string {
	const url = new URL(process.env.MYSQL_URL ?? "mysql://user:password@localhost:3306/database");
	url.pathname = `/${shard}`;
	return url.href;
}

async function main(): Promise<void> {
	const db = mysql.createPool(shardUrl("shard_2"));
	try {
		// What a search box might receive: one honest name, then two attacks.
		const inputs = [
			"Alice",
			"nobody' OR '1'='1",
			"x' UNION SELECT id, name, 'users table' FROM `database`.users WHERE '1'='1",
		];

		for (const name of inputs) {
			console.log(`name = ${JSON.stringify(name)}`);

			// Dangerous: the input is pasted into the SQL text, so its quotes end
			// the string literal and the rest of it is read as SQL.
			// Each query is a bar in the tutorial's timeline.
			const query = "SELECT id, name, city FROM customers WHERE name = '" + name + "' ORDER BY id";
			spans.start("string-built");
			await printRows("string-built", () => db.query<Customer[]>(query));
			spans.end("string-built");

			// Safe: the SQL text is fixed and the input travels separately as a
			// value (execute = a server-side prepared statement), so it can only be a name.
			spans.start("placeholder");
			await printRows("placeholder ", () => db.execute<Customer[]>("SELECT id, name, city FROM customers WHERE name = ? ORDER BY id", [name]));
			spans.end("placeholder");
		}
	} finally {
		await db.end();
	}
}

async function printRows(label: string, run: () => Promise<[Customer[], unknown]>): Promise<void> {
	let rows: Customer[];
	try {
		[rows] = await run();
	} catch (err) {
		console.log(`  ${label}: error: ${(err as Error).message}`);
		return;
	}
	console.log(`  ${label}: ${rows.length} ${rows.length === 1 ? "row" : "rows"}`);
	for (const { id, name, city } of rows) {
		console.log(`    ${id} ${name} (${city})`);
	}
}

await main();
