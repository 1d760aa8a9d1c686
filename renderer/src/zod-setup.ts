import { config } from 'zod';

// The CSP forbids eval. Zod probes `new Function` when a schema is built (at module load), which
// the browser reports as a CSP violation even though zod catches it: turn its JIT off first.
// main.tsx imports this module before anything that imports the contract.
config({ jitless: true });
