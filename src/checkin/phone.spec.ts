import { maskMobile, normaliseMobile, PhoneHasher } from './phone';

describe('normaliseMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['(138) 0013-8000', '13800138000'],
    ['19912345678', '19912345678'],
  ])('accepts %s', (raw, expected) => {
    expect(normaliseMobile(raw)).toBe(expected);
  });

  it.each(['12800138000', '1380013800', '138001380001', '010-12345678', 'abc', '', '+1 415 555 0100'])('rejects %s', (raw) => {
    expect(normaliseMobile(raw)).toBeNull();
  });
});

describe('maskMobile', () => {
  it('keeps the prefix and the last four digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
});

describe(PhoneHasher.name, () => {
  it('is stable for a key and differs across keys', () => {
    const a = new PhoneHasher('a'.repeat(32));
    const b = new PhoneHasher('b'.repeat(32));
    expect(a.hash('13800138000')).toBe(a.hash('13800138000'));
    expect(a.hash('13800138000')).not.toBe(b.hash('13800138000'));
    expect(a.hash('13800138000')).not.toContain('13800138000');
    expect(a.hash('13800138000')).toMatch(/^[0-9a-f]{64}$/);
  });
});
