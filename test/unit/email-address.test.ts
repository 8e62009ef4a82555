// Tests for email address validation and normalization (lambdas/domain/email-address.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailAddressSchema, isValidEmailAddress, normalizeEmailAddress } from '#domain/email-address';

const label = (length: number) => 'a'.repeat(length);

describe('isValidEmailAddress', () => {
  it.each([
    'ana@example.com',
    'a.b+tag@sub.example.co.uk',
    'UPPER@Example.COM',
    'a@b.co',
    "o'brien@example.ie",
    'x_y-z@my-domain.example',
    'ana@xn--bcher-kva.example',
    `${label(64)}@example.com`,
    `ana@${label(63)}.com`,
  ])('accepts %j', (address) => {
    expect(isValidEmailAddress(address)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['no @', 'ana.example.com'],
    ['two @', 'ana@bob@example.com'],
    ['nothing before the @', '@example.com'],
    ['nothing after the @', 'ana@'],
    ['a space', 'ana maria@example.com'],
    ['a leading space', ' ana@example.com'],
    ['a trailing newline', 'ana@example.com\n'],
    ['angle brackets', '<ana@example.com>'],
    ['a display name', 'Ana <ana@example.com>'],
    ['a header injection', 'a@b.com\r\nBcc: x@y.z'],
    ['an LF injection', 'a@b.com\nBcc: x@y.z'],
    ['a list', 'a@b.com,c@d.com'],
    ['a semicolon list', 'a@b.com;c@d.com'],
    ['a quoted local part', '"ana"@example.com'],
    ['a leading dot in the local part', '.ana@example.com'],
    ['a trailing dot in the local part', 'ana.@example.com'],
    ['a double dot in the local part', 'an..a@example.com'],
    ['a domain without a dot', 'ana@localhost'],
    ['a domain label starting with -', 'ana@-example.com'],
    ['a domain label ending with -', 'ana@example-.com'],
    ['an empty domain label', 'ana@example..com'],
    ['a trailing dot in the domain', 'ana@example.com.'],
    ['an IP literal', 'ana@[127.0.0.1]'],
    ['an underscore in the domain', 'ana@my_domain.com'],
    ['a domain label over 63 characters', `ana@${label(64)}.com`],
    ['a local part over 64 characters', `${label(65)}@example.com`],
    ['a Cyrillic homoglyph in the domain', 'ana@exаmple.com'],
    ['a non-ASCII local part', 'anä@example.com'],
    ['a NUL character', 'ana\u0000@example.com'],
    ['a tab', 'ana\t@example.com'],
  ])('rejects %s', (_label, address) => {
    expect(isValidEmailAddress(address)).toBe(false);
  });

  it('accepts up to 254 characters and rejects 255', () => {
    // Prepare: labels of 63 characters keep every part within its own limit.
    const domainOf = (length: number) => {
      const labels: string[] = [];
      let remaining = length;
      while (remaining > 0) {
        const size = Math.min(63, remaining);
        labels.push(label(size));
        remaining -= size + 1;
      }
      return labels.join('.');
    };
    const fits = `${label(64)}@${domainOf(254 - 65)}`;
    const tooLong = `${label(64)}@${domainOf(255 - 65)}`;

    // Assess
    expect(fits).toHaveLength(254);
    expect(tooLong).toHaveLength(255);
    expect(isValidEmailAddress(fits)).toBe(true);
    expect(isValidEmailAddress(tooLong)).toBe(false);
  });

  it('rejects anything containing whitespace, angle brackets, separators, CR, LF or a double quote', () => {
    const forbidden = fc.constantFrom(' ', '\t', '\r', '\n', '\u00a0', '\u2028', '<', '>', ',', ';', '"');
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        forbidden,
        fc.string({ maxLength: 40 }),
        (before, bad, after) => {
          expect(isValidEmailAddress(`${before}${bad}${after}`)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects forbidden characters spliced into a valid address at any position', () => {
    const forbidden = fc.constantFrom(' ', '\t', '\r', '\n', '<', '>', ',', ';', '"', '@');
    fc.assert(
      fc.property(fc.nat(), forbidden, (position, bad) => {
        const valid = 'a.b+tag@sub.example.co.uk';
        const index = position % (valid.length + 1);

        expect(isValidEmailAddress(`${valid.slice(0, index)}${bad}${valid.slice(index)}`)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (value) => {
        expect(typeof isValidEmailAddress(value)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeEmailAddress', () => {
  it('lower-cases and trims', () => {
    expect(normalizeEmailAddress('  UPPER@Example.COM \n')).toBe('upper@example.com');
    expect(normalizeEmailAddress('Ana.Maria+Run@Example.com')).toBe('ana.maria+run@example.com');
  });

  it('is idempotent and keeps valid addresses valid', () => {
    const addressArb = fc
      .tuple(
        fc.stringMatching(/^[A-Za-z0-9+_-]{1,20}$/),
        fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
        fc.constantFrom('com', 'DE', 'Co.Uk', 'org'),
        fc.constantFrom('', ' ', '\t', '\n'),
      )
      .map(([local, domain, tld, pad]) => `${pad}${local}@${domain}.${tld}${pad}`);
    fc.assert(
      fc.property(addressArb, (address) => {
        const normalized = normalizeEmailAddress(address);

        expect(normalizeEmailAddress(normalized)).toBe(normalized);
        expect(normalized).toBe(normalized.toLowerCase());
        expect(normalized).toBe(normalized.trim());
        expect(isValidEmailAddress(normalized)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('emailAddressSchema', () => {
  it('trims surrounding whitespace before validating', () => {
    expect(emailAddressSchema.parse('  ana@example.com\n')).toBe('ana@example.com');
  });

  it('keeps the case (normalization is a separate step)', () => {
    expect(emailAddressSchema.parse('UPPER@Example.COM')).toBe('UPPER@Example.COM');
  });

  it.each([
    ['an invalid address', 'ana@', 'must be a valid email address such as ana@example.com'],
    ['a header injection', 'a@b.com\r\nBcc: x@y.z', 'must be a valid email address such as ana@example.com'],
    ['a number', 42, 'must be an email address'],
    ['null', null, 'must be an email address'],
  ])('rejects %s with a readable message', (_label, value, message) => {
    const result = emailAddressSchema.safeParse(value);

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
