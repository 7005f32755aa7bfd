import type { CollectionDefinition } from './document-store.port';
import type { Projection, ReadModelDocument } from './projection';

/** A read model: its pure projection and the collection (with indexes) it is stored in. */
export interface ReadModelDefinition<Doc extends ReadModelDocument = ReadModelDocument> {
  projection: Projection<Doc>;
  collection: CollectionDefinition;
}

export const READ_MODELS = Symbol('READ_MODELS');
