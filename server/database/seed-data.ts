// The tutorial's data. `database`, `user` and `password` are the names the
// post's Go program uses, so it runs unchanged against this server.
export const PROGRAM_USER = "user";
export const PROGRAM_PASSWORD = "password";
export const MAIN_DATABASE = "database";
/** Marks a server as seeded by this tutorial, so we never touch someone else's `database`. */
export const META_DATABASE = "tutorial_meta";
export const SHARD_DATABASES = ["shard_1", "shard_2", "shard_3"] as const;

export interface TableSeed {
  database: string;
  table: string;
  create: string;
  columns: string[];
  rows: unknown[][];
}

const users: Array<[number, string]> = [
  [1, "김민준"],
  [2, "이서연"],
  [3, "박지호"],
  [4, "Alice"],
  [5, "Bob"],
];

// Twelve customers spread over three shards by id % 3 (+1), each with orders,
// so a scatter-gather query has something real to merge.
const customers: Array<[number, string, string]> = [
  [1, "김민준", "Seoul"],
  [2, "이서연", "Busan"],
  [3, "박지호", "Incheon"],
  [4, "Alice", "London"],
  [5, "Bob", "Toronto"],
  [6, "최수아", "Daegu"],
  [7, "Carol", "Berlin"],
  [8, "정우진", "Seoul"],
  [9, "Dave", "Sydney"],
  [10, "한예린", "Gwangju"],
  [11, "Erin", "Austin"],
  [12, "윤도현", "Seoul"],
];

const orderAmounts = [12000, 4500, 30000, 8800, 15500, 2300, 41000, 9900, 6700, 18200, 5100, 27400];

function shardOf(customerId: number): string {
  return SHARD_DATABASES[customerId % SHARD_DATABASES.length];
}

function shardTables(shard: string): TableSeed[] {
  const shardCustomers = customers.filter(([id]) => shardOf(id) === shard);
  const orders: unknown[][] = [];
  for (const [id] of shardCustomers) {
    for (let n = 0; n < 1 + (id % 3); n++) {
      const orderId = id * 100 + n + 1;
      orders.push([
        orderId,
        id,
        orderAmounts[(id + n * 5) % orderAmounts.length],
        `2023-12-${String(1 + ((id + n) % 28)).padStart(2, "0")}`,
      ]);
    }
  }
  return [
    {
      database: shard,
      table: "customers",
      create: "id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, city VARCHAR(100) NOT NULL",
      columns: ["id", "name", "city"],
      rows: shardCustomers,
    },
    {
      database: shard,
      table: "orders",
      create: "id INT PRIMARY KEY, customer_id INT NOT NULL, amount INT NOT NULL, ordered_on DATE NOT NULL, KEY (customer_id)",
      columns: ["id", "customer_id", "amount", "ordered_on"],
      rows: orders,
    },
  ];
}

export const TABLES: TableSeed[] = [
  {
    database: MAIN_DATABASE,
    table: "users",
    create: "id INT PRIMARY KEY, name VARCHAR(100) NOT NULL",
    columns: ["id", "name"],
    rows: users,
  },
  ...SHARD_DATABASES.flatMap(shardTables),
];

export const SEED_DATABASES = [MAIN_DATABASE, ...SHARD_DATABASES];
