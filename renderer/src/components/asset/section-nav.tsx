import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/use-i18n';
import {
  ASSET_SECTIONS,
  currentSection,
  hashForSection,
  sectionFromHash,
  sectionId,
  type AssetSection,
} from '../../store/asset-sections';
import { tickerFromHash } from '../../store/hash-route';

const labelKey = (s: AssetSection): MessageKey => `asset.section.${s}`;

/** Scrolls a section under the sticky header and moves the keyboard focus to it. */
function scrollToSection(section: AssetSection): void {
  const el = document.getElementById(sectionId(section));
  if (!el) return;
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

/**
 * The sections' tabs, in the sticky header: links to `#/asset/PETR4/<section>` (linkable, reachable
 * with Tab and Enter); the section being read is marked. Opening a section's link scrolls to it,
 * on a click as on a page load; `settled` changes when the page's content has loaded (scroll again).
 */
export function SectionNav({ ticker, settled }: { ticker: string; settled: string }) {
  const { t } = useI18n();
  const nav = useRef<HTMLElement>(null);
  const [active, setActive] = useState<AssetSection | null>(null);

  // The header's height, so a section scrolled to starts below it (CSS scroll-margin-top).
  useEffect(() => {
    const head = nav.current?.closest<HTMLElement>('.asset-sticky');
    const page = head?.closest<HTMLElement>('.asset-page');
    if (!head || !page) return;
    const set = (): void => page.style.setProperty('--asset-head-h', `${Math.ceil(head.offsetHeight)}px`);
    set();
    const ro = new ResizeObserver(set);
    ro.observe(head);
    return () => ro.disconnect();
  }, []);

  // Which section is being read.
  useEffect(() => {
    let frame = 0;
    const measure = (): void => {
      const head = nav.current?.closest<HTMLElement>('.asset-sticky');
      const line = (head?.getBoundingClientRect().bottom ?? 0) + 12;
      const tops = ASSET_SECTIONS.flatMap((section) => {
        const el = document.getElementById(sectionId(section));
        return el ? [{ section, top: el.getBoundingClientRect().top }] : [];
      });
      const root = document.documentElement;
      const atEnd = window.scrollY > 0 && window.innerHeight + window.scrollY >= root.scrollHeight - 2;
      setActive(currentSection(tops, line, atEnd));
    };
    const onScroll = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    onScroll();
    return () => {
      window.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [ticker, settled]);

  // A section named in the URL: on a hash change, on load, and once the content has loaded. While
  // the content above it is still loading (the chart, the panels), it is kept in place until the
  // user scrolls or presses a key, for a few seconds at most.
  useEffect(() => {
    let unpin = (): void => undefined;
    const go = (): void => {
      const s = sectionFromHash(location.hash);
      if (!s || tickerFromHash(location.hash) !== ticker) return;
      unpin();
      scrollToSection(s);
      const page = nav.current?.closest<HTMLElement>('.asset-page');
      if (!page) return;
      const ro = new ResizeObserver(() =>
        document.getElementById(sectionId(s))?.scrollIntoView({ block: 'start' }),
      );
      const stops = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const;
      const timer = setTimeout(() => unpin(), 4000);
      unpin = () => {
        ro.disconnect();
        clearTimeout(timer);
        for (const e of stops) window.removeEventListener(e, unpin);
        unpin = () => undefined;
      };
      for (const e of stops) window.addEventListener(e, unpin, { passive: true });
      ro.observe(page);
    };
    window.addEventListener('hashchange', go);
    go();
    return () => {
      window.removeEventListener('hashchange', go);
      unpin();
    };
  }, [ticker, settled]);

  const open = (e: MouseEvent<HTMLAnchorElement>, s: AssetSection): void => {
    // The same link again fires no hashchange: scroll here.
    if (location.hash === hashForSection(ticker, s)) {
      e.preventDefault();
      scrollToSection(s);
    }
  };

  return (
    <nav className="asset-tabs" aria-label={t('asset.sections')} ref={nav} data-testid="asset-sections-nav">
      {ASSET_SECTIONS.map((s) => (
        <a
          key={s}
          href={hashForSection(ticker, s)}
          className={active === s ? 'asset-tab is-active' : 'asset-tab'}
          aria-current={active === s ? 'location' : undefined}
          data-testid={`asset-tab-${s}`}
          onClick={(e) => open(e, s)}
        >
          {t(labelKey(s))}
        </a>
      ))}
    </nav>
  );
}

/** One section of the asset page: its anchor, focusable when scrolled to. */
export function AssetSectionBox({ section, children }: { section: AssetSection; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section
      id={sectionId(section)}
      className="asset-section"
      data-testid={`asset-section-${section}`}
      aria-label={t(labelKey(section))}
      tabIndex={-1}
    >
      {children}
    </section>
  );
}
