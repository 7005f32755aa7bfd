import { Inject, Injectable } from '@nestjs/common';
import { rebuildReadModel, type RebuildProgress } from '@crm/application';
import { EVENT_STORE, type EventStore } from '@crm/event-store';
import { CLOCK, LOGGER, type Clock, type Logger } from '@crm/platform';
import { DOCUMENT_STORE, READ_MODELS, type DocumentStore, type ReadModelDefinition } from '@crm/read-models';

export interface RebuildStatus {
  readModel: string;
  state: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: RebuildProgress | null;
  error: string | null;
}

/** Runs at most one rebuild per read model at a time, in the background, and keeps its status. */
@Injectable()
export class ReadModelRebuilds {
  private readonly statuses = new Map<string, RebuildStatus>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(READ_MODELS) private readonly models: ReadModelDefinition[],
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  names(): string[] {
    return this.models.map((model) => model.collection.name);
  }

  status(name: string): RebuildStatus | undefined {
    return this.statuses.get(name);
  }

  /** Starts a rebuild unless one is running; returns its status either way. */
  start(name: string): RebuildStatus {
    const now = this.clock().toISOString();
    const running = this.statuses.get(name);
    if (running?.state === 'running') return running;
    const model = this.models.find((candidate) => candidate.collection.name === name);
    if (!model) throw new Error(`Unknown read model ${name}`);
    const status: RebuildStatus = { readModel: name, state: 'running', startedAt: now, finishedAt: null, progress: null, error: null };
    this.statuses.set(name, status);
    rebuildReadModel(this.store, this.documents, model, (progress) => (status.progress = progress)).then(
      (progress) => Object.assign(status, { state: 'done', progress, finishedAt: this.clock().toISOString() }),
      (error: unknown) => {
        this.logger.error({ err: error, readModel: name }, 'rebuild failed');
        Object.assign(status, { state: 'failed', error: error instanceof Error ? error.message : String(error), finishedAt: this.clock().toISOString() });
      },
    );
    return status;
  }
}
