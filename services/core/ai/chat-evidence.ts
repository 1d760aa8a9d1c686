import { ChatBrowser, type ChatBrowserOptions } from '../browser/chat-browser';
import { browserRoot } from '../browser/profile-paths';
import type { SigninService } from '../browser/signin-service';
import { createLogger } from '../logging/logger';
import type { SourceRunner } from '../sources/source-runner';
import { putBlob, putScreenshot } from '../sources/vault-files';
import { ChatModels } from './chat-models';
import type { ChatEvidence } from './providers/browser-chat';
import type { ChatTimings } from './providers/browser-chat/chat-page';

/** Tests: no pause between prompts, short waits. */
export interface ChatTestOptions {
  browser?: Pick<ChatBrowserOptions, 'pauseMs' | 'idleCloseMs' | 'headless'>;
  timings?: Partial<ChatTimings>;
}

/**
 * The app's chat sites: their browser on the sign-in profiles, the sign-in state from the cookie
 * status, base URLs from the config, evidence kept in the vault, failures told to the source health
 * (an UNAUTHORIZED there is what turns the cookie status to "sign in again").
 */
export function appChatModels(o: {
  dataDir: string;
  executablePath: string | undefined;
  runner: SourceRunner;
  signin: () => SigninService | undefined;
  test?: ChatTestOptions;
}): { browser: ChatBrowser; models: ChatModels } {
  const browser = new ChatBrowser({
    profilesDir: browserRoot(o.dataDir),
    executablePath: o.executablePath,
    ...o.test?.browser,
  });
  // The cookie status reads every signed-in profile: looked at once for the five sites of a listing.
  let sessions: { at: number; status: ReturnType<SigninService['status']> } | undefined;
  const session = (id: string) => {
    const signin = o.signin();
    if (!sessions || Date.now() - sessions.at > 1_000)
      sessions = signin ? { at: Date.now(), status: signin.status() } : undefined;
    const s = sessions?.status.sources.find((x) => x.id === id);
    return s ? { state: s.state, reason: s.reason } : null;
  };
  const models = new ChatModels({
    browser,
    baseUrl: (id) => o.runner.baseUrl(id),
    session,
    keepEvidence: (e) => keepChatEvidence(o.runner, e),
    onFailure: (id, e) => {
      sessions = undefined;
      o.runner.health.recordFailure(id, e.code, e.message);
    },
    log: createLogger('ai.chat'),
    ...(o.test?.timings ? { timings: o.test.timings } : {}),
  });
  return { browser, models };
}

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
