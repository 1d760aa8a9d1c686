import { readFileSync } from 'node:fs';
import { appPath } from './app-root';

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(appPath('package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The app's version, from package.json (bundlers may inject B3AI_VERSION instead). */
export const APP_VERSION: string = process.env.B3AI_VERSION ?? readVersion();
