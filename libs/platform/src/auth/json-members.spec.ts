import { topLevelMembers } from './json-members';

describe('the top-level members of a JSON object text', () => {
  it('gives each member its key and its own source text, nested values whole', () => {
    const json = JSON.stringify({ a: 1, b: 'x,}"', c: { d: [1, { e: '\\' }], f: null }, g: [], 'h"i': true, j: -2.5e3 });
    const members = topLevelMembers(json);
    expect(members.map((member) => member.key)).toEqual(['a', 'b', 'c', 'g', 'h"i', 'j']);
    expect(`{${members.map((member) => member.text).join(',')}}`).toBe(json);
  });

  it('reads text with whitespace between the tokens, and the empty object', () => {
    expect(topLevelMembers(' { "a" : 1 ,\n "b":\t[ 2 ] } ')).toEqual([
      { key: 'a', text: '"a" : 1' },
      { key: 'b', text: '"b":\t[ 2 ]' },
    ]);
    expect(topLevelMembers('{}')).toEqual([]);
  });

  it('refuses a text that is not a JSON object', () => {
    for (const text of ['[1]', '{"a":1', '{"a" 1}', '{"a":"x}', '{a:1}', '{"a":1;"b":2}']) {
      expect(() => topLevelMembers(text)).toThrow(SyntaxError);
    }
  });
});
