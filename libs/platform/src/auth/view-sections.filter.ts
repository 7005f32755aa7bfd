import { maySee, type Role, type ViewSection } from './access-matrix';

/** The top-level fields of the unified customer view each section owns; every other field is the shared core. */
const FIELDS_OF_SECTION: Readonly<Record<ViewSection, readonly string[]>> = {
  personal: ['name', 'nameLower', 'profile'],
  clp: ['clp'],
  sales: ['sales'],
  finance: ['finance'],
  service: ['service'],
  logistics: ['logistics'],
  marketing: ['marketing'],
  derived: ['derived'],
  loyalty: ['loyalty'],
  touchpoints: ['recentTouchpoints'],
};

/** The customer view as a role may see it: the fields of the sections it may not see are absent, not null. */
export function visibleView<Doc extends Record<string, unknown>>(role: Role, doc: Doc): Partial<Doc> {
  const hidden = new Set(
    (Object.entries(FIELDS_OF_SECTION) as Array<[ViewSection, readonly string[]]>)
      .filter(([section]) => !maySee(role, section))
      .flatMap(([, fields]) => fields),
  );
  return Object.fromEntries(Object.entries(doc).filter(([field]) => !hidden.has(field))) as Partial<Doc>;
}

/** Drops the named personal fields (a queue entry's customer name, an event's `personal`) for a role without the personal section. */
export function withoutPersonal<Doc extends Record<string, unknown>>(role: Role, doc: Doc, fields: readonly string[]): Partial<Doc> {
  if (maySee(role, 'personal')) return doc;
  return Object.fromEntries(Object.entries(doc).filter(([field]) => !fields.includes(field))) as Partial<Doc>;
}
