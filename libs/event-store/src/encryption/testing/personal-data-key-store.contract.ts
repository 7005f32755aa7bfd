import { PersonalDataShreddedError, type PersonalDataKeyStore } from '../personal-data-key-store.port';

/** The behaviour every personal data key store adapter shares. */
export function describePersonalDataKeyStoreContract(name: string, open: () => Promise<PersonalDataKeyStore>): void {
  describe(`${name} personal data key store`, () => {
    let keys: PersonalDataKeyStore;
    beforeEach(async () => {
      keys = await open();
    });
    afterEach(async () => {
      await keys.close();
    });

    it('creates a 256-bit key on first use and gives the same one afterwards', async () => {
      const first = await keys.keyFor('cust-1');
      expect(first.material).toHaveLength(32);
      expect(await keys.keyFor('cust-1')).toEqual(first);
      expect(await keys.find('cust-1')).toEqual(first);
    });

    it('gives each subject its own key', async () => {
      const [one, two] = [await keys.keyFor('cust-1'), await keys.keyFor('cust-2')];
      expect(one.id).not.toBe(two.id);
      expect(one.material.equals(two.material)).toBe(false);
    });

    it('finds nothing for a subject that never had a key', async () => {
      expect(await keys.find('cust-unknown')).toBeUndefined();
    });

    it('shreds a key for good: it reads as shredded and is never created again', async () => {
      await keys.keyFor('cust-1');
      await keys.shred('cust-1');
      await keys.shred('cust-1');
      expect(await keys.find('cust-1')).toBe('shredded');
      await expect(keys.keyFor('cust-1')).rejects.toThrow(PersonalDataShreddedError);
    });

    it('shreds a subject that had no key yet, so none can be created later', async () => {
      await keys.shred('cust-new');
      await expect(keys.keyFor('cust-new')).rejects.toThrow(PersonalDataShreddedError);
    });

    it('creates one key when two writers ask at once', async () => {
      const [one, two] = await Promise.all([keys.keyFor('cust-1'), keys.keyFor('cust-1')]);
      expect(one).toEqual(two);
    });
  });
}
