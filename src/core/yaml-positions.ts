import { type Document, isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { lastIndexAtMost } from './geometry.js';

/** A path of keys and indices into a parsed document, as zod reports it. */
export type YamlPath = readonly PropertyKey[];

/** A 1-based line and column in a source text. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** The node found for a path: the node itself, or its nearest existing ancestor when `isExact` is false. */
export interface YamlNodeFound {
  readonly node: Node | null;
  readonly isExact: boolean;
}

function childNode(doc: Document, node: Node | null, segment: PropertyKey): Node | null | undefined {
  const resolved = isAlias(node) ? (node.resolve(doc) ?? null) : node;
  if (isMap(resolved)) {
    for (const pair of resolved.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(key) !== String(segment)) continue;
      // `key:` with nothing after it has an empty value (or none): the key stands in for it.
      const value = pair.value as Node | null;
      const isEmpty = !value || (isScalar(value) && value.range?.[0] === value.range?.[1]);
      return (isEmpty ? pair.key : value) as Node | null;
    }
    return undefined;
  }
  if (isSeq(resolved) && typeof segment === 'number') {
    return (resolved.items[segment] as Node | undefined) ?? undefined;
  }
  return undefined;
}

/** The node at a path in a parsed YAML document, or the nearest ancestor that exists. */
export function yamlNodeAt(doc: Document, path: YamlPath): YamlNodeFound {
  let node = (doc.contents as Node | null) ?? null;
  for (const segment of path) {
    const next = childNode(doc, node, segment);
    if (next === undefined || next === null) return { node, isExact: false };
    node = next;
  }
  return { node, isExact: true };
}

/** The key node of `key` in the mapping at `path`, when both exist. */
export function yamlKeyNodeAt(doc: Document, path: YamlPath, key: string): Node | undefined {
  const found = yamlNodeAt(doc, path);
  if (!found.isExact) return undefined;
  const node = isAlias(found.node) ? found.node.resolve(doc) : found.node;
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (String(k) === key) return pair.key as Node;
  }
  return undefined;
}

/** Anything that maps a source offset to a 1-based line and column (yaml's LineCounter, or `textLines`). */
export interface LinePositions {
  linePos(offset: number): { line: number; col: number };
}

/**
 * Line positions computed from the text itself. yaml's own LineCounter only learns the lines its lexer
 * reaches, and in a badly broken stream it misses some (errors then point several lines too high).
 */
export function textLines(text: string): LinePositions {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    linePos(offset: number) {
      const index = lastIndexAtMost(starts, offset);
      return { line: index + 1, col: offset - starts[index]! + 1 };
    },
  };
}

/** The 1-based position of a source offset. */
export function yamlOffsetPosition(lineCounter: LinePositions, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** The 1-based position where a node starts (1:1 for a missing node or one without a source range). */
export function yamlNodePosition(lineCounter: LinePositions, node: Node | null | undefined): SourcePosition {
  const start = node?.range?.[0];
  if (start === undefined) return { line: 1, column: 1 };
  return yamlOffsetPosition(lineCounter, start);
}
