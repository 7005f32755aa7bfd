// Exits 0 once the broker at argv[2] answers a metadata request, 1 otherwise; start.sh polls it.
const { Kafka, logLevel } = require('kafkajs');

const admin = new Kafka({
  clientId: 'crm-infra-ping',
  brokers: [process.argv[2]],
  connectionTimeout: 1000,
  requestTimeout: 2000,
  retry: { retries: 0 },
  logLevel: logLevel.NOTHING,
}).admin();

admin
  .connect()
  .then(() => admin.describeCluster())
  .then(
    (cluster) => (cluster.brokers.length > 0 ? 0 : 1),
    () => 1,
  )
  .then(async (code) => {
    await admin.disconnect().catch(() => undefined);
    process.exit(code);
  });
