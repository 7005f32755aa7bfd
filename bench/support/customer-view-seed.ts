import type { RecordedEvent } from '@crm/contracts';
import { customerStreamId } from '@crm/contracts';
import type { DocumentStore, Projection, ReadModelDefinition, ReadModelDocument } from '@crm/read-models';
import { decideHistory } from './customer-history';
import { BENCH_TIME, benchCustomerId, benchMetadata } from './event-fixtures';

const TEMPLATE_ID = benchCustomerId(0xffffffe);
const BATCH = 5_000;
const FIRST_NAMES = ['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya'];
const LAST_NAMES = ['Almeida', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Horvat', 'Ivanova', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Novak'];
const STATUSES = ['potential', 'target', 'active', 'lost', 'recovered'];
const STAGES = ['exploration', 'formation', 'stability', 'decline'];
const LOYALTY_LEVELS = ['none', 'satisfaction', 'trust', 'behavioural', 'emotional', 'sustainable'];
const TIERS = ['key', 'general', 'phase-out'];
const ROLES = ['end-customer', 'distributor', 'partner'];

type ViewDocument = ReadModelDocument & Record<string, unknown>;

const recorded = (n: number, data: Record<string, unknown>, type: string, revision: number, metadata = benchMetadata(n)): RecordedEvent => ({
  eventId: `seed-${n}`,
  type,
  data,
  metadata,
  streamId: customerStreamId(String(data.customerId)),
  revision,
  globalPosition: n,
});

/**
 * Customer view documents of histories of 1 to 5 commands, built by the real projection, one
 * per status: the potential customers are the ones who only registered (CLP 0), as in life.
 */
function templates(model: ReadModelDefinition): ViewDocument[] {
  const history = decideHistory(TEMPLATE_ID, 40);
  const commands = [...new Set(history.map((event) => event.metadata.causationId))];
  return STATUSES.map((_, t) => {
    const events = history.filter((event) => commands.indexOf(event.metadata.causationId) <= t);
    const doc = events.reduce<ReadModelDocument | null>(
      (current, event, revision) => model.projection.evolve(current, recorded(revision, event.data, event.type, revision, event.metadata)),
      null,
    );
    if (doc === null) throw new Error('The customer view projection built no document from a registration');
    // The customer id appears only as `id` and `customerId`, which documentNumber replaces.
    if (JSON.stringify({ ...doc, id: '', customerId: '' }).includes(TEMPLATE_ID)) throw new Error('The customer id appears elsewhere in the view');
    return doc as ViewDocument;
  });
}

/** Spreads a template over the filter and sort fields, so every filter value and sort order has a realistic share. */
function documentNumber(template: ViewDocument, k: number): ViewDocument {
  const id = benchCustomerId(k);
  const name = `${FIRST_NAMES[k % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(k / FIRST_NAMES.length) % LAST_NAMES.length]} ${k}`;
  const spread = ((k * 2_654_435_761) % 1_000_003) / 1_000_003;
  const clp = template.clp as { total: number };
  const touchedAt = new Date(Date.parse(BENCH_TIME) - Math.floor(spread * 730) * 86_400_000).toISOString();
  // Nested sections stay shared with the template: documents are only ever serialized.
  return {
    ...template,
    id,
    customerId: id,
    name,
    nameLower: name.toLowerCase(),
    status: STATUSES[k % STATUSES.length],
    lifecycleStage: STAGES[k % STAGES.length],
    loyaltyLevel: LOYALTY_LEVELS[k % LOYALTY_LEVELS.length],
    valueTier: TIERS[k % TIERS.length],
    role: ROLES[k % ROLES.length],
    clp: { ...clp, total: Math.round(clp.total * (0.2 + 2 * spread) * 100) / 100 },
    lastTouchpointAt: touchedAt,
  };
}

/**
 * Fills the model's collection with `customers` customer view documents through the document
 * store port (a rebuild: fresh table, indexes built at the swap). The documents come from the
 * real projection over decided histories, spread over names, statuses, stages, tiers, roles,
 * loyalty levels, CLP and recency.
 */
export async function seedCustomerViews(documents: DocumentStore, model: ReadModelDefinition, customers: number): Promise<void> {
  const shapes = templates(model);
  // Writes go only through applyBatch: this projection hands each precomputed document over.
  const seed: Projection<ViewDocument> = {
    name: model.projection.name,
    canHandle: () => true,
    documentIds: (event) => [String(event.data.customerId)],
    evolve: (_doc, event) => event.data.doc as ViewDocument,
  };
  await documents.rebuildInto<ViewDocument>(model.collection, async (fresh) => {
    for (let from = 0; from < customers; from += BATCH) {
      const batch: RecordedEvent[] = [];
      for (let k = from; k < Math.min(from + BATCH, customers); k++) {
        batch.push(recorded(k, { customerId: benchCustomerId(k), doc: documentNumber(shapes[k % STATUSES.length], k) }, 'Seeded', 0));
      }
      await fresh.applyBatch(seed, batch);
    }
  });
}

export const customerViewSeedValues = { STATUSES, STAGES, LOYALTY_LEVELS, TIERS, ROLES, FIRST_NAMES };
