import type { Outcome } from './http-client';

/**
 * What one area of the attack run saw: every attempt, how many worked (the attack's goal was met:
 * a protected answer, a file's bytes, a secret, a request to a foreign host…), and every answer of
 * 500. The suite asserts 0 and 0; the rest is printed.
 */
export class Tally {
  attempts = 0;
  successes = 0;
  errors500 = 0;
  refused = 0;
  dropped = 0;
  readonly failures: string[] = [];

  constructor(readonly area: string) {}

  /** Count one attempt; `worked` says whether the attack got what it wanted. */
  record(what: string, outcome: Outcome | null, worked: boolean): void {
    this.attempts++;
    if (outcome?.kind === 'dropped') this.dropped++;
    if (outcome?.kind === 'answer') {
      if (outcome.status === 500) {
        this.errors500++;
        this.failures.push(`500: ${what}: ${outcome.text.slice(0, 200)}`);
      } else if (outcome.status >= 400) this.refused++;
    }
    if (worked) {
      this.successes++;
      this.failures.push(`worked: ${what}`);
    }
  }

  /** A check that is not a request (a file mode, a log line): `worked` means the secret was exposed. */
  check(what: string, worked: boolean): void {
    this.record(what, null, worked);
  }

  line(): string {
    const pad = (v: string | number, n: number): string => String(v).padStart(n);
    return `${this.area.padEnd(22)}${pad(this.attempts, 9)}${pad(this.refused, 9)}${pad(this.dropped, 9)}${pad(this.successes, 11)}${pad(this.errors500, 7)}`;
  }
}

export function printTallies(tallies: readonly Tally[]): void {
  const head = `${'area'.padEnd(22)}${'attempts'.padStart(9)}${'refused'.padStart(9)}${'dropped'.padStart(9)}${'successes'.padStart(11)}${'500s'.padStart(7)}`;
  const total = new Tally('total');
  for (const t of tallies) {
    total.attempts += t.attempts;
    total.refused += t.refused;
    total.dropped += t.dropped;
    total.successes += t.successes;
    total.errors500 += t.errors500;
  }
  console.log(
    ['', 'security suite: attacks per area', head, ...tallies.map((t) => t.line()), total.line(), ''].join(
      '\n',
    ),
  );
  for (const t of tallies) for (const f of t.failures.slice(0, 10)) console.log(`  ${t.area}: ${f}`);
}
