import { assetSectionFromHash, hashForTicker } from './hash-route';

/**
 * The asset page's sections, in page order (issue 15, item 8). Each has an anchor of its own,
 * `#/asset/PETR4/<id>`, so it can be linked, and a tab in the sticky header.
 */
export const ASSET_SECTIONS = [
  'summary',
  'chart',
  'indicators',
  'valuation',
  'dividends',
  'news',
  'report',
] as const;
export type AssetSection = (typeof ASSET_SECTIONS)[number];

export const isAssetSection = (s: string | null): s is AssetSection =>
  s !== null && (ASSET_SECTIONS as readonly string[]).includes(s);

/** The section a hash names, or null (none, or an unknown name). */
export function sectionFromHash(hash: string): AssetSection | null {
  const s = assetSectionFromHash(hash);
  return isAssetSection(s) ? s : null;
}

/** `#/asset/PETR4/valuation`. */
export const hashForSection = (ticker: string, section: AssetSection): string =>
  `${hashForTicker(ticker)}/${section}`;

/** The element id of a section on the page. */
export const sectionId = (section: AssetSection): string => `asset-section-${section}`;

/**
 * The section being read: the last one whose top has scrolled above the line under the sticky
 * header (`tops`: each section's top relative to the viewport, in page order); the first otherwise;
 * the last one once the page is scrolled to its end (a short last section never reaches the line).
 */
export function currentSection(
  tops: readonly { section: AssetSection; top: number }[],
  line: number,
  atEnd = false,
): AssetSection | null {
  if (atEnd && tops.length > 1 && (tops[0]?.top ?? 0) < line) return tops.at(-1)?.section ?? null;
  let current: AssetSection | null = tops[0]?.section ?? null;
  for (const t of tops) if (t.top <= line) current = t.section;
  return current;
}
