import { openPersonalData, sealPersonalData } from './personal-data.cipher';

const key = { id: 'key-1', material: Buffer.alloc(32, 7) };
const iv = Buffer.alloc(12, 1);

describe('personal data cipher (AES-256-GCM)', () => {
  it('opens what it sealed, and the sealed form shows none of the plaintext', () => {
    const sealed = sealPersonalData({ name: 'Ann Example', email: 'ann@example.test' }, key, 'customer-1/event-1', iv);
    expect(JSON.stringify(sealed)).not.toMatch(/Ann|example/);
    expect(sealed).toMatchObject({ $sealed: 'A256GCM', kid: 'key-1', iv: iv.toString('base64') });
    expect(openPersonalData(sealed, key, 'customer-1/event-1')).toEqual({ name: 'Ann Example', email: 'ann@example.test' });
  });

  it('uses a fresh random IV by default, so equal data seals differently', () => {
    const [one, two] = [sealPersonalData({ name: 'Ann' }, key, 'c'), sealPersonalData({ name: 'Ann' }, key, 'c')];
    expect(one.iv).not.toBe(two.iv);
    expect(one.ct).not.toBe(two.ct);
  });

  it('refuses another key, another context, or an altered ciphertext', () => {
    const sealed = sealPersonalData({ name: 'Ann' }, key, 'customer-1/event-1', iv);
    expect(() => openPersonalData(sealed, { id: 'key-1', material: Buffer.alloc(32, 8) }, 'customer-1/event-1')).toThrow();
    expect(() => openPersonalData(sealed, { id: 'key-2', material: key.material }, 'customer-1/event-1')).toThrow();
    expect(() => openPersonalData(sealed, key, 'customer-1/event-2')).toThrow();
    const flipped = Buffer.from(sealed.ct, 'base64');
    flipped[0] ^= 1;
    expect(() => openPersonalData({ ...sealed, ct: flipped.toString('base64') }, key, 'customer-1/event-1')).toThrow();
  });
});
