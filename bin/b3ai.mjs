#!/usr/bin/env node
// The b3ai command: runs the TypeScript CLI through tsx's loader (Node 20 cannot run .ts itself).
import { register } from 'tsx/esm/api';

register();
await import('../services/server/cli/main.ts');
