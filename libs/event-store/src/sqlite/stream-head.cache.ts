/** What an append checks its expected revision against: the stream's last revision (-1: none) and its soft delete. */
export interface StreamHead {
  lastRevision: number;
  deleted: boolean;
}

/** The heads one batch sees: its own appends first, then the cache, then the file. */
export interface BatchHeads {
  get(streamId: string): StreamHead;
  set(streamId: string, head: StreamHead): void;
  /** Call once the batch's transaction committed; a batch never committed changes nothing. */
  commit(): void;
}

/**
 * The heads of recently appended streams, so an append does not look its stream up in the file
 * (two index searches per append). Between this store's commits only another connection can
 * change a head, and any commit by another connection changes the file's `data_version`: each
 * batch passes the value read inside its write transaction, and a changed one empties the cache.
 * Full, it drops the streams cached longest ago.
 */
export class StreamHeadCache {
  private readonly heads = new Map<string, StreamHead>();
  private dataVersion: number | undefined;

  constructor(
    private readonly capacity: number,
    private readonly load: (streamId: string) => StreamHead,
  ) {}

  /** Call first inside each batch's write transaction. */
  beginBatch(dataVersion: number): BatchHeads {
    if (dataVersion !== this.dataVersion) this.heads.clear();
    this.dataVersion = dataVersion;
    const written = new Map<string, StreamHead>();
    return {
      get: (streamId) => written.get(streamId) ?? this.heads.get(streamId) ?? this.load(streamId),
      set: (streamId, head) => written.set(streamId, head),
      commit: () => written.forEach((head, streamId) => this.remember(streamId, head)),
    };
  }

  /** After a change made outside the batches (metadata, soft delete). */
  forget(streamId: string): void {
    this.heads.delete(streamId);
  }

  clear(): void {
    this.heads.clear();
  }

  private remember(streamId: string, head: StreamHead): void {
    if (!this.heads.has(streamId) && this.heads.size >= this.capacity) {
      this.heads.delete(this.heads.keys().next().value as string);
    }
    this.heads.set(streamId, head);
  }
}
