import { ROLES, maySee, type Role, type ViewSection } from './access-matrix';
import { topLevelMembers } from './json-members';

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

/** Per role, once: the view's fields it may not see. */
const HIDDEN_FIELDS: ReadonlyMap<Role, ReadonlySet<string>> = new Map(
  ROLES.map((role) => [
    role,
    new Set(
      (Object.entries(FIELDS_OF_SECTION) as Array<[ViewSection, readonly string[]]>)
        .filter(([section]) => !maySee(role, section))
        .flatMap(([, fields]) => fields),
    ),
  ]),
);

const hiddenFrom = (role: Role): ReadonlySet<string> => HIDDEN_FIELDS.get(role) as ReadonlySet<string>;

/** The customer view as a role may see it: the fields of the sections it may not see are absent, not null. */
export function visibleView<Doc extends Record<string, unknown>>(role: Role, doc: Doc): Partial<Doc> {
  const hidden = hiddenFrom(role);
  return Object.fromEntries(Object.entries(doc).filter(([field]) => !hidden.has(field))) as Partial<Doc>;
}

/**
 * `visibleView` on the view's JSON text, for answering it as stored: a role that sees every
 * section gets the text unchanged, any other the text without the members it may not see,
 * without parsing and re-serialising the document.
 */
export function visibleViewJson(role: Role, json: string): string {
  const hidden = hiddenFrom(role);
  if (hidden.size === 0) return json;
  const kept = topLevelMembers(json)
    .filter((member) => !hidden.has(member.key))
    .map((member) => member.text);
  return `{${kept.join(',')}}`;
}

/** Drops the named personal fields (a queue entry's customer name, an event's `personal`) for a role without the personal section. */
export function withoutPersonal<Doc extends Record<string, unknown>>(role: Role, doc: Doc, fields: readonly string[]): Partial<Doc> {
  if (maySee(role, 'personal')) return doc;
  return Object.fromEntries(Object.entries(doc).filter(([field]) => !fields.includes(field))) as Partial<Doc>;
}
