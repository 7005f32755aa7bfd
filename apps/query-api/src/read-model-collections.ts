import { Inject, Injectable } from '@nestjs/common';
import {
  DOCUMENT_STORE,
  READ_MODELS,
  type DocumentCollection,
  type DocumentStore,
  type ReadModelDefinition,
  type ReadModelDocument,
} from '@crm/read-models';

/** Opens the collection of a read model by collection name, once. */
@Injectable()
export class ReadModelCollections {
  private readonly opened = new Map<string, Promise<DocumentCollection<ReadModelDocument>>>();

  constructor(
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModelDefinition[],
  ) {}

  get<Doc extends ReadModelDocument>(name: string): Promise<DocumentCollection<Doc>> {
    const opened = this.opened.get(name);
    if (opened) return opened as Promise<DocumentCollection<Doc>>;
    const model = this.readModels.find((candidate) => candidate.collection.name === name);
    if (!model) throw new Error(`Unknown read model ${name}`);
    const collection = this.store.collection<ReadModelDocument>(model.collection);
    this.opened.set(name, collection);
    return collection as Promise<DocumentCollection<Doc>>;
  }
}
