#!/usr/bin/env node
/*
 * A consumer of the CRM's public topics that an integrator can copy: plain kafkajs, every
 * message validated against its JSON Schema (ajv), duplicates dropped by messageId.
 *
 *   npm install kafkajs ajv ajv-formats
 *   KAFKA_BROKERS=localhost:9092 GROUP_ID=my-integration node integrator-consumer.js
 *
 * Settings (environment):
 *   KAFKA_BROKERS   comma-separated brokers (required)
 *   GROUP_ID        your consumer group; one per integration, it keeps your offsets
 *   TOPIC_PREFIX    the deployment's KAFKA_PUBLIC_TOPIC_PREFIX, if any
 *   TOPICS          the public topics you need (default: all five)
 *   SCHEMA_DIR      the folder of the JSON Schemas (libs/contracts/src/integration/schemas)
 *
 * `handle` below is where your integration does its work; this sample prints each message as
 * one JSON line on stdout and reports rejected messages on stderr.
 */
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Kafka, logLevel } = require('kafkajs');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').map((broker) => broker.trim()).filter(Boolean);
if (brokers.length === 0) throw new Error('Set KAFKA_BROKERS');
const groupId = process.env.GROUP_ID ?? 'sample-integrator';
const prefix = process.env.TOPIC_PREFIX ?? '';
const topics = (process.env.TOPICS ?? 'crm.customers.v1,crm.purchases.v1,crm.complaints.v1,crm.lifecycle.v1,crm.loyalty.v1')
  .split(',')
  .map((topic) => `${prefix}${topic.trim()}`);
const schemaDir = process.env.SCHEMA_DIR ?? join(__dirname, '../../libs/contracts/src/integration/schemas');

/** One validator per message type: the message schemas are those titled by their type and built on envelope.json. */
function loadValidators(dir) {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const schemas = readdirSync(dir).filter((file) => file.endsWith('.json')).map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')));
  for (const schema of schemas) ajv.addSchema(schema);
  return new Map(schemas.filter((schema) => Array.isArray(schema.allOf)).map((schema) => [schema.title, ajv.getSchema(schema.$id)]));
}

/**
 * Delivery is at least once: after a crash or a rebalance messages come again. Keep the ids you
 * processed where you keep the effect (same database transaction), so the check survives
 * restarts; this sample keeps the most recent ones in memory.
 */
function createDeduplicator(capacity = 100_000) {
  const seen = new Set();
  return {
    firstTime(messageId) {
      if (seen.has(messageId)) return false;
      seen.add(messageId);
      if (seen.size > capacity) seen.delete(seen.values().next().value);
      return true;
    },
  };
}

/** Your integration's work. A CustomerErased message means: delete what you hold about the customer. */
async function handle(topic, message) {
  process.stdout.write(`${JSON.stringify({ topic, message })}\n`);
}

async function main() {
  const validators = loadValidators(schemaDir);
  const deduplicator = createDeduplicator();
  const kafka = new Kafka({ clientId: groupId, brokers, logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });

  // kafkajs commits an offset only after eachMessage resolved for it.
  await consumer.run({
    eachMessage: async ({ topic, partition, message: record }) => {
      let message;
      try {
        message = JSON.parse(String(record.value));
      } catch {
        process.stderr.write(`rejected ${topic}/${partition}@${record.offset}: not JSON\n`);
        return;
      }
      const validate = validators.get(message.messageType);
      // Tolerant reader: a message type added after you copied the schemas is skipped, not fatal.
      if (validate === undefined) {
        process.stderr.write(`skipped ${topic}/${partition}@${record.offset}: unknown messageType ${message.messageType}\n`);
        return;
      }
      if (!validate(message)) {
        // Park it for a person (a table, a dead-letter topic of yours) and keep going.
        process.stderr.write(`rejected ${topic}/${partition}@${record.offset}: ${ajvErrors(validate)}\n`);
        return;
      }
      if (!deduplicator.firstTime(message.messageId)) return;
      await handle(topic, message);
    },
  });

  const stop = async () => {
    await consumer.disconnect();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const ajvErrors = (validate) => validate.errors.map((error) => `${error.instancePath} ${error.message}`).join('; ');

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
