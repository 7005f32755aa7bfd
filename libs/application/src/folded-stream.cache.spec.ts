import { FoldedStreamCache, type FoldedStream } from './folded-stream.cache';

const foldedTo = (revision: number): FoldedStream => ({ state: { status: 'unregistered' }, revision, keyedAppends: new Map() });

describe('FoldedStreamCache', () => {
  it('given more events than it may hold, forgets the least recently used streams first', () => {
    const cache = new FoldedStreamCache(10);
    cache.offer('a', foldedTo(3));
    cache.offer('b', foldedTo(3));
    cache.get('a');

    cache.offer('c', foldedTo(3));

    expect(cache.get('a')?.revision).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')?.revision).toBe(3);
  });

  it('counts a stream once however often it is folded further', () => {
    const cache = new FoldedStreamCache(10);
    cache.offer('a', foldedTo(1));
    cache.offer('b', foldedTo(1));
    for (let revision = 2; revision <= 7; revision++) cache.offer('a', foldedTo(revision));

    expect(cache.get('a')?.revision).toBe(7);
    expect(cache.get('b')?.revision).toBe(1);
  });

  it('keeps the further-folded entry when offered an older one', () => {
    const cache = new FoldedStreamCache(10);
    cache.offer('a', foldedTo(5));

    cache.offer('a', foldedTo(4));

    expect(cache.get('a')?.revision).toBe(5);
  });
});
