// Exits 0 once the server at argv[2] answers `ping`, 1 otherwise; start.sh polls it.
const { MongoClient } = require('mongodb');

const client = new MongoClient(process.argv[2], { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
client
  .db('admin')
  .command({ ping: 1 })
  .then(
    () => 0,
    () => 1,
  )
  .then(async (code) => {
    await client.close().catch(() => undefined);
    process.exit(code);
  });
