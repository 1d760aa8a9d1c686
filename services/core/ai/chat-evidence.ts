import type { ChatEvidence } from './providers/browser-chat';
import type { SourceRunner } from '../sources/source-runner';
import { putBlob, putScreenshot } from '../sources/vault-files';

/**
 * A chat site's page when a selector stopped matching, kept in the vault like a source's page that
 * stopped parsing: the DOM as the snapshot (model `chat`, query naming the selector), the screenshot
 * beside it, the snapshot marked LAYOUT_CHANGED. The error gains `snapshot_id` and `screenshot`.
 */
export function keepChatEvidence(runner: SourceRunner, e: ChatEvidence): Record<string, unknown> {
  const body = Buffer.from(e.html ?? '', 'utf8');
  const blob = putBlob(runner.vaultDir, body);
  if (e.screenshot) putScreenshot(runner.vaultDir, blob.sha256, e.screenshot);
  const selector = typeof e.error.details?.['selector'] === 'string' ? e.error.details['selector'] : '';
  const version = e.error.details?.['selectors_version'];
  const id = runner.vault.record({
    sha256: blob.sha256,
    source: e.site,
    model: 'chat',
    query: `selector=${selector}`,
    url: e.url,
    status: 200,
    contentType: 'text/html; charset=utf-8',
    bytes: blob.bytes,
    storedBytes: blob.storedBytes,
    fetchedAt: Date.now(),
    parserVersion: typeof version === 'number' ? version : 1,
  });
  runner.vault.markParsed(id, { status: e.error.code, message: e.error.message, count: null, digest: null });
  return { snapshot_id: Number(id), screenshot: e.screenshot !== null };
}
