/** One member of a JSON object's text: its key, and its source text `"key":value`. */
export interface JsonMember {
  key: string;
  text: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const malformed = (at: number): never => {
  throw new SyntaxError(`Malformed JSON object at position ${at}`);
};

function skipWhitespace(json: string, from: number): number {
  let at = from;
  while (at < json.length && (json[at] === ' ' || json[at] === '\n' || json[at] === '\r' || json[at] === '\t')) at += 1;
  return at;
}

/** The index just past the string literal whose opening quote is at `start`. */
function endOfString(json: string, start: number): number {
  for (let at = start + 1; at < json.length; at += 1) {
    const code = json.charCodeAt(at);
    if (code === BACKSLASH) at += 1;
    else if (code === QUOTE) return at + 1;
  }
  return malformed(start);
}

/** The index just past the value starting at `start`: a string, an object or array to its matching end, or a literal. */
function endOfValue(json: string, start: number): number {
  let depth = 0;
  for (let at = start; at < json.length; ) {
    const code = json.charCodeAt(at);
    if (code === QUOTE) {
      at = endOfString(json, at);
      if (depth === 0) return at;
      continue;
    }
    if (code === OPEN_OBJECT || code === OPEN_ARRAY) depth += 1;
    else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      // At depth 0 this closes the enclosing object: a literal value ends here.
      if (depth === 0) return at;
      depth -= 1;
      if (depth === 0) return at + 1;
    } else if (code === COMMA && depth === 0) return at;
    at += 1;
  }
  return malformed(start);
}

/**
 * The top-level members of a JSON object's text, in order, each as its own source text, so
 * members can be dropped without parsing and re-serialising the rest. Throws a SyntaxError
 * on a text that is not a JSON object.
 */
export function topLevelMembers(json: string): JsonMember[] {
  const members: JsonMember[] = [];
  let at = skipWhitespace(json, 0);
  if (json.charCodeAt(at) !== OPEN_OBJECT) malformed(at);
  at = skipWhitespace(json, at + 1);
  if (json.charCodeAt(at) === CLOSE_OBJECT) return members;
  for (;;) {
    if (json.charCodeAt(at) !== QUOTE) malformed(at);
    const start = at;
    const keyEnd = endOfString(json, start);
    const rawKey = json.slice(start + 1, keyEnd - 1);
    const key = rawKey.includes('\\') ? (JSON.parse(json.slice(start, keyEnd)) as string) : rawKey;
    at = skipWhitespace(json, keyEnd);
    if (json.charCodeAt(at) !== COLON) malformed(at);
    const end = endOfValue(json, skipWhitespace(json, at + 1));
    members.push({ key, text: json.slice(start, end).trimEnd() });
    at = skipWhitespace(json, end);
    const code = json.charCodeAt(at);
    if (code === CLOSE_OBJECT) return members;
    if (code !== COMMA) malformed(at);
    at = skipWhitespace(json, at + 1);
  }
}
