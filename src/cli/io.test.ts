import { describe, expect, it } from 'vitest';
import { jsonFormatted, textFileRead } from './io.js';

describe('jsonFormatted', () => {
  it('expands objects and keeps short lists of plain values on one line', () => {
    expect(jsonFormatted({ a: 1, b: ['x', 'y'], c: {}, d: [] })).toBe(
      '{\n  "a": 1,\n  "b": ["x", "y"],\n  "c": {},\n  "d": []\n}\n',
    );
  });

  it('breaks a list that would pass 110 columns, counting the comma after it', () => {
    const long = 'x'.repeat(96);
    // `  "k": ["…"]` is 8 + 96 + 2 = 106 columns wide; with the comma 107 still fits.
    expect(jsonFormatted({ k: [long], z: 1 })).toContain(`"k": ["${long}"],`);
    const longer = 'x'.repeat(101);
    expect(jsonFormatted({ k: [longer], z: 1 })).toContain(`"k": [\n    "${longer}"\n  ],`);
    // A list holding objects is always expanded.
    expect(jsonFormatted([{ a: 1 }])).toBe('[\n  {\n    "a": 1\n  }\n]\n');
  });

  it('round-trips through JSON.parse and leaves out undefined fields', () => {
    const value = { s: 'quote " and é', n: -1.5, t: true, z: null, nested: { list: [1, [2]] } };
    expect(JSON.parse(jsonFormatted({ ...value, gone: undefined }))).toEqual(value);
  });
});

describe('textFileRead', () => {
  it('reads a file', () => {
    const r = textFileRead('examples/intakes/sample.json');
    expect(r.ok && r.text.includes('"minutes"')).toBe(true);
  });

  it('says why a file cannot be read', () => {
    expect(textFileRead('no/such/file.json')).toEqual({ ok: false, reason: 'no such file' });
    expect(textFileRead('examples')).toEqual({ ok: false, reason: 'is a directory' });
  });
});
