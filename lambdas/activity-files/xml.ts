// A streaming walk over XML with saxes: no tree is built, no entity from a DTD is ever expanded.
import { SaxesParser } from 'saxes';

export interface XmlVisitor {
  /** An element opens; `path` is the local names from the root to it (shared and mutable: do not keep it). */
  open?(path: readonly string[], attributes: Readonly<Record<string, string>>): void;
  /** An element closes; `text` is the character data since the last tag (an element's own text, for a leaf). */
  close?(path: readonly string[], text: string): void;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/**
 * Walks well-formed XML, throwing on anything malformed. The caller has already refused any DOCTYPE; saxes
 * itself never reads a DTD, so an entity other than the five predefined ones is an error, not an expansion,
 * and character references are one character each.
 */
export function walkXml(text: string, visitor: XmlVisitor): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const path: string[] = [];
  let chars = '';
  parser.on('opentag', (tag) => {
    path.push(localName(tag.name));
    chars = '';
    if (visitor.open) {
      const attributes: Record<string, string> = Object.create(null);
      for (const [name, value] of Object.entries(tag.attributes)) attributes[localName(name)] = String(value);
      visitor.open(path, attributes);
    }
  });
  parser.on('text', (t) => {
    chars += t;
  });
  parser.on('cdata', (t) => {
    chars += t;
  });
  parser.on('closetag', () => {
    visitor.close?.(path, chars);
    chars = '';
    path.pop();
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(text).close();
}

/** Whether the path ends with these names, the last one being the element itself. */
export function endsWith(path: readonly string[], ...names: string[]): boolean {
  if (path.length < names.length) return false;
  const offset = path.length - names.length;
  return names.every((name, i) => path[offset + i] === name);
}
