import { ConfigError, loadAppConfig } from './app-config';

describe('embedded store durability settings', () => {
  it('waits for the disk on every event store commit and not on every read store batch, by default', () => {
    const config = loadAppConfig({});

    expect(config.eventStore).toEqual({ kind: 'sqlite', synchronous: 'FULL' });
    expect(config.readStore).toEqual({ kind: 'sqlite', synchronous: 'NORMAL' });
  });

  it('waits for the disk on every read store batch when the projector consumes from Kafka, whose offsets live apart from the documents', () => {
    const config = loadAppConfig({ EVENT_BUS: 'kafka', KAFKA_BROKERS: 'localhost:9092' });

    expect(config.readStore).toEqual({ kind: 'sqlite', synchronous: 'FULL' });
  });

  it('sets each store on its own', () => {
    const config = loadAppConfig({ SQLITE_SYNCHRONOUS: 'NORMAL', READ_STORE_SYNCHRONOUS: 'FULL' });

    expect(config.eventStore).toEqual({ kind: 'sqlite', synchronous: 'NORMAL' });
    expect(config.readStore).toEqual({ kind: 'sqlite', synchronous: 'FULL' });
  });

  it('refuses an unknown level, naming the variable', () => {
    expect(() => loadAppConfig({ READ_STORE_SYNCHRONOUS: 'OFF' })).toThrow(ConfigError);
    expect(() => loadAppConfig({ READ_STORE_SYNCHRONOUS: 'OFF' })).toThrow(/READ_STORE_SYNCHRONOUS must be one of FULL, NORMAL, got "OFF"/);
  });
});
