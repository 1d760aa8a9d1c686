/**
 * A small, strict XML reader for feeds (RSS 2.0, Atom): elements, attributes, text and CDATA into a
 * tree. No DTDs, no namespaces resolution (prefixed names are kept as written: `dc:creator`).
 * Anything not well-formed — an element closed by another's end tag, a document cut short, text
 * outside the root, a second root — raises LAYOUT_CHANGED: a feed reader must not guess.
 */
import { layoutChanged } from '../errors';
import { decodeEntities } from './html';

export interface XmlElement {
  name: string;
  attrs: ReadonlyMap<string, string>;
  /** Child elements and text (entities decoded; CDATA kept verbatim). */
  children: (XmlElement | string)[];
}

const MAX_DEPTH = 64;
const NAME = /[A-Za-z_][\w.:-]*/y;

function nameAt(text: string, at: number): string | undefined {
  NAME.lastIndex = at;
  return NAME.exec(text)?.[0];
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t';
}

/** Parse a start tag's attributes from `at` (just after the name); returns where the tag ends. */
function readAttrs(
  text: string,
  at: number,
  what: string,
): { attrs: Map<string, string>; end: number; selfClosing: boolean } {
  const attrs = new Map<string, string>();
  let i = at;
  for (;;) {
    const before = i;
    while (isSpace(text[i])) i++;
    if (text.startsWith('/>', i)) return { attrs, end: i + 2, selfClosing: true };
    if (text[i] === '>') return { attrs, end: i + 1, selfClosing: false };
    const name = i > before ? nameAt(text, i) : undefined;
    if (!name) throw layoutChanged(`${what}: malformed tag at offset ${i}`);
    i += name.length;
    while (isSpace(text[i])) i++;
    if (text[i] !== '=') throw layoutChanged(`${what}: attribute ${name} has no value`);
    i++;
    while (isSpace(text[i])) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") throw layoutChanged(`${what}: attribute ${name} is not quoted`);
    const close = text.indexOf(quote, i + 1);
    const value = close < 0 ? '' : text.slice(i + 1, close);
    if (close < 0 || value.includes('<')) throw layoutChanged(`${what}: attribute ${name} is not closed`);
    if (!attrs.has(name)) attrs.set(name, decodeEntities(value));
    i = close + 1;
  }
}

/** Skip `<!-- -->`, `<?…?>` and `<!DOCTYPE …>`; returns the index after it, or -1 when not one. */
function skipMarkup(text: string, i: number, what: string): number {
  const skip = (open: string, close: string): number => {
    const end = text.indexOf(close, i + open.length);
    if (end < 0) throw layoutChanged(`${what}: the document is cut short (unterminated ${open})`);
    return end + close.length;
  };
  if (text.startsWith('<!--', i)) return skip('<!--', '-->');
  if (text.startsWith('<?', i)) return skip('<?', '?>');
  if (text.startsWith('<!DOCTYPE', i) || text.startsWith('<!doctype', i)) {
    if (/^<!doctype\s+html/i.test(text.slice(i, i + 20))) {
      throw layoutChanged(`${what}: the answer is an HTML page, not a feed`);
    }
    return skip('<!DOCTYPE', '>');
  }
  return -1;
}

/** The document's root element. */
export function parseXml(text: string, what: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const len = text.length;
  while (i < len) {
    if (text[i] !== '<') {
      const next = text.indexOf('<', i);
      const end = next < 0 ? len : next;
      const chunk = text.slice(i, end);
      const top = stack.at(-1);
      if (top) top.children.push(decodeEntities(chunk));
      else if (chunk.trim() !== '') {
        throw layoutChanged(`${what}: text outside the root element at offset ${i}`);
      }
      i = end;
      continue;
    }
    const skipped = skipMarkup(text, i, what);
    if (skipped >= 0) {
      i = skipped;
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      const top = stack.at(-1);
      if (end < 0) throw layoutChanged(`${what}: the document is cut short (unterminated CDATA)`);
      if (!top) throw layoutChanged(`${what}: CDATA outside the root element`);
      top.children.push(text.slice(i + 9, end));
      i = end + 3;
      continue;
    }
    if (text[i + 1] === '/') {
      const name = nameAt(text, i + 2) ?? '';
      let j = i + 2 + name.length;
      while (isSpace(text[j])) j++;
      const top = stack.pop();
      if (!name || text[j] !== '>') throw layoutChanged(`${what}: malformed end tag at offset ${i}`);
      if (!top || top.name !== name) {
        throw layoutChanged(`${what}: <${top?.name ?? 'nothing'}> closed by </${name}>`);
      }
      i = j + 1;
      continue;
    }
    const name = nameAt(text, i + 1);
    if (!name) throw layoutChanged(`${what}: malformed markup at offset ${i}`);
    if (root && stack.length === 0) throw layoutChanged(`${what}: a second root element <${name}>`);
    const { attrs, end, selfClosing } = readAttrs(text, i + 1 + name.length, what);
    const el: XmlElement = { name, attrs, children: [] };
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else root = el;
    if (!selfClosing) stack.push(el);
    if (stack.length > MAX_DEPTH) throw layoutChanged(`${what}: elements nested deeper than ${MAX_DEPTH}`);
    i = end;
  }
  const open = stack.at(-1);
  if (open) throw layoutChanged(`${what}: the document is cut short (<${open.name}> is not closed)`);
  if (!root) throw layoutChanged(`${what}: no root element`);
  return root;
}

export function elements(e: XmlElement): XmlElement[] {
  return e.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/**
 * The text of an element and its descendants, concatenated; `around` is put around each child
 * element's text (a space keeps "<p>a</p><p>b</p>" from reading "ab").
 */
export function textContent(e: XmlElement, around = ''): string {
  return e.children
    .map((c) => (typeof c === 'string' ? c : `${around}${textContent(c, around)}${around}`))
    .join('');
}

/** Non-blank text directly inside `e` (mixed content where only elements belong). */
export function strayText(e: XmlElement): string | undefined {
  return e.children.find((c): c is string => typeof c === 'string' && c.trim() !== '');
}
