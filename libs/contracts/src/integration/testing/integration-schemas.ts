import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The JSON Schemas the docs (asyncapi.yaml), the sample consumer and the tests all read. */
export const INTEGRATION_SCHEMA_DIR = join(__dirname, '../schemas');

export interface JsonSchemaFile {
  file: string;
  schema: { $id: string; title: string; allOf?: unknown[]; [keyword: string]: unknown };
}

export const integrationSchemaFiles = (): JsonSchemaFile[] =>
  readdirSync(INTEGRATION_SCHEMA_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, schema: JSON.parse(readFileSync(join(INTEGRATION_SCHEMA_DIR, file), 'utf8')) }));

/** Message schemas are the ones built on the envelope; their title is the message type. */
const isMessageSchema = ({ schema }: JsonSchemaFile): boolean => Array.isArray(schema.allOf);

export interface IntegrationSchemas {
  messageTypes: string[];
  /** The schema's errors for a public message, or [] when it is valid. */
  problemsOf(message: unknown): string[];
}

export function loadIntegrationSchemas(): IntegrationSchemas {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const files = integrationSchemaFiles();
  for (const { schema } of files) ajv.addSchema(schema);
  const validators = new Map<string, ValidateFunction>(
    files.filter(isMessageSchema).map(({ schema }) => [schema.title, ajv.getSchema(schema.$id) as ValidateFunction]),
  );
  return {
    messageTypes: [...validators.keys()].sort(),
    problemsOf(message: unknown): string[] {
      const messageType = (message as { messageType?: unknown } | null)?.messageType;
      const validate = typeof messageType === 'string' ? validators.get(messageType) : undefined;
      if (validate === undefined) return [`no schema for messageType ${String(messageType)}`];
      if (validate(message)) return [];
      return (validate.errors ?? []).map((error) => `${messageType}${error.instancePath} ${error.message}`);
    },
  };
}
