import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import {
  textLines,
  yamlKeyNodeAt,
  yamlNodeAt,
  yamlNodePosition,
  yamlOffsetPosition,
} from './yaml-positions.js';

const TEXT = [
  'id: x',
  'steps:',
  '  - id: a',
  '    pressure: 3',
  '  - id: b',
  '    empty:',
  '1: one',
  '',
].join('\n');

function parsed() {
  const lines = new LineCounter();
  const doc = parseDocument(TEXT, { lineCounter: lines });
  return { doc, lines };
}

describe('yamlNodeAt', () => {
  it('finds a scalar by keys and indices, at its exact position', () => {
    const { doc, lines } = parsed();
    const found = yamlNodeAt(doc, ['steps', 0, 'pressure']);
    expect(found.isExact).toBe(true);
    expect(yamlNodePosition(lines, found.node)).toEqual({ line: 4, column: 15 });
  });

  it('falls back to the nearest existing ancestor', () => {
    const { doc, lines } = parsed();
    const found = yamlNodeAt(doc, ['steps', 1, 'title', 'en']);
    expect(found.isExact).toBe(false);
    expect(yamlNodePosition(lines, found.node)).toEqual({ line: 5, column: 5 });
  });

  it('stands the key in for a key with no value', () => {
    const { doc, lines } = parsed();
    const found = yamlNodeAt(doc, ['steps', 1, 'empty']);
    expect(yamlNodePosition(lines, found.node)).toEqual({ line: 6, column: 5 });
  });

  it('matches numeric keys against string path segments', () => {
    const { doc, lines } = parsed();
    expect(yamlNodePosition(lines, yamlNodeAt(doc, ['1']).node)).toEqual({ line: 7, column: 4 });
  });

  it('does not index a sequence with a string', () => {
    const { doc } = parsed();
    expect(yamlNodeAt(doc, ['steps', 'zero']).isExact).toBe(false);
  });
});

describe('yamlKeyNodeAt', () => {
  it('finds the key node itself', () => {
    const { doc, lines } = parsed();
    expect(yamlNodePosition(lines, yamlKeyNodeAt(doc, ['steps', 0], 'pressure'))).toEqual({
      line: 4,
      column: 5,
    });
  });

  it('is undefined for a missing key or a missing mapping', () => {
    const { doc } = parsed();
    expect(yamlKeyNodeAt(doc, ['steps', 0], 'colour')).toBeUndefined();
    expect(yamlKeyNodeAt(doc, ['nowhere'], 'id')).toBeUndefined();
  });
});

describe('positions', () => {
  it('are 1-based', () => {
    const { lines } = parsed();
    expect(yamlOffsetPosition(lines, 0)).toEqual({ line: 1, column: 1 });
    expect(yamlOffsetPosition(lines, TEXT.indexOf('steps'))).toEqual({ line: 2, column: 1 });
  });

  it('default to 1:1 for a missing node', () => {
    expect(yamlNodePosition(new LineCounter(), null)).toEqual({ line: 1, column: 1 });
  });
});

describe('textLines', () => {
  it('maps offsets to 1-based lines and columns from the text itself', () => {
    const lines = textLines('ab\n\ncd\n');
    expect(lines.linePos(0)).toEqual({ line: 1, col: 1 });
    expect(lines.linePos(2)).toEqual({ line: 1, col: 3 });
    expect(lines.linePos(3)).toEqual({ line: 2, col: 1 });
    expect(lines.linePos(5)).toEqual({ line: 3, col: 2 });
    expect(lines.linePos(7)).toEqual({ line: 4, col: 1 });
  });

  it('stays right where yaml’s LineCounter loses lines (a stream broken before comment lines)', () => {
    const text = 'x # a comment\n# another\n# and one more\nid: a\nversion: 1\n';
    const doc = parseDocument(text, { prettyErrors: false });
    const positions = textLines(text);
    for (const e of doc.errors) {
      const before = text.slice(0, e.pos[0]);
      expect(positions.linePos(e.pos[0])).toEqual({
        line: before.split('\n').length,
        col: e.pos[0] - before.lastIndexOf('\n'),
      });
    }
  });
});
