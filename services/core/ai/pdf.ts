import { existsSync } from 'node:fs';
import { AppError } from '../../contract';

/** Renders a self-contained HTML page to PDF bytes. */
export type PdfRenderer = (html: string) => Promise<Uint8Array>;

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function chromiumPath(env: NodeJS.ProcessEnv): string | null {
  const configured = env.B3AI_CHROMIUM;
  if (configured) return configured;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Headless: print with the system's Chromium through playwright-core (no browser download). The
 * desktop app passes Electron's own `printToPDF` instead.
 */
export function chromiumPdfRenderer(env: NodeJS.ProcessEnv = process.env): PdfRenderer {
  return async (html) => {
    const executablePath = chromiumPath(env);
    if (!executablePath)
      throw new AppError(
        'UNAVAILABLE',
        'PDF export needs Chromium: install it (apt-get install chromium) or set B3AI_CHROMIUM to its path',
      );
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      // The page is ours and self-contained: no request leaves it.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
      });
    } finally {
      await browser.close();
    }
  };
}
