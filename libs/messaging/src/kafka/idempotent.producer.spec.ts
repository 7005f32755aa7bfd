import { KafkaJSError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, type Kafka } from 'kafkajs';
import { createIdempotentProducer } from './idempotent.producer';

const protocolError = (type: string, code: number) =>
  new KafkaJSProtocolError({ type, code, retriable: false, message: `broker says ${type}` } as unknown as Error);

/** A Kafka client whose producers record what happens to them; `failures` are thrown by the first sends, in turn. */
function fakeKafka(failures: Error[]) {
  const producers: Array<{ connected: boolean; disconnected: boolean; sent: number }> = [];
  const kafka = {
    producer: () => {
      const state = { connected: false, disconnected: false, sent: 0 };
      producers.push(state);
      const send = async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        if (!state.connected || state.disconnected) throw new Error('The producer is disconnected');
        state.sent += 1;
        return [];
      };
      return {
        connect: async () => void (state.connected = true),
        disconnect: async () => void (state.disconnected = true),
        send,
        sendBatch: send,
      };
    },
  } as unknown as Kafka;
  return { kafka, producers };
}

const record = { topic: 't', acks: -1, messages: [{ key: 'k', value: 'v' }] };

describe('the idempotent producer', () => {
  it.each([
    ['OUT_OF_ORDER_SEQUENCE_NUMBER', 45],
    ['UNKNOWN_PRODUCER_ID', 59],
    ['INVALID_PRODUCER_EPOCH', 47],
  ])('given the broker lost its state (%s), fails that send and sends the next through a new producer', async (type, code) => {
    const { kafka, producers } = fakeKafka([protocolError(type, code)]);
    const producer = createIdempotentProducer(kafka);
    await producer.connect();

    await expect(producer.send(record)).rejects.toThrow(`broker says ${type}`);
    await producer.send(record);
    await producer.sendBatch({ acks: -1, topicMessages: [] });

    expect(producers).toEqual([
      { connected: true, disconnected: true, sent: 0 },
      { connected: true, disconnected: false, sent: 2 },
    ]);
  });

  it('finds the lost state behind kafkajs giving up its retries', async () => {
    const cause = protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', 45);
    const { kafka, producers } = fakeKafka([new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 5, retryTime: 100 })]);
    const producer = createIdempotentProducer(kafka);
    await producer.connect();

    await expect(producer.send(record)).rejects.toThrow();
    await producer.send(record);

    expect(producers.map(({ sent }) => sent)).toEqual([0, 1]);
  });

  it('keeps its producer through any other failure', async () => {
    const { kafka, producers } = fakeKafka([new KafkaJSError('Connection timeout'), protocolError('NOT_LEADER_FOR_PARTITION', 6)]);
    const producer = createIdempotentProducer(kafka);
    await producer.connect();

    await expect(producer.send(record)).rejects.toThrow('Connection timeout');
    await expect(producer.send(record)).rejects.toThrow();
    await producer.send(record);

    expect(producers).toEqual([{ connected: true, disconnected: false, sent: 1 }]);
  });

  it('disconnects the producer it replaced and the new one when closed before sending again', async () => {
    const { kafka, producers } = fakeKafka([protocolError('UNKNOWN_PRODUCER_ID', 59)]);
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    await expect(producer.send(record)).rejects.toThrow();

    await producer.disconnect();

    expect(producers.map(({ disconnected }) => disconnected)).toEqual([true, true]);
  });
});
