/**
 * The points of a small yearly chart: x spread evenly by year (gaps for missing years), y scaled
 * between the lowest and the highest value (a flat line in the middle when they are equal).
 */
export interface SparkPoint {
  x: number;
  y: number;
  year: number;
  value: number;
}

export function sparklinePoints(
  years: readonly { year: number; value: number }[],
  width: number,
  height: number,
  pad = 2,
): SparkPoint[] {
  if (years.length === 0) return [];
  const first = years[0]!.year;
  const span = years[years.length - 1]!.year - first;
  const values = years.map((y) => y.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const w = width - 2 * pad;
  const h = height - 2 * pad;
  const round = (v: number): number => Math.round(v * 100) / 100;
  return years.map(({ year, value }) => ({
    year,
    value,
    x: round(pad + (span === 0 ? w / 2 : ((year - first) / span) * w)),
    y: round(pad + (max === min ? h / 2 : ((max - value) / (max - min)) * h)),
  }));
}

/** An SVG path through the points ("M x y L x y …"). */
export const sparklinePath = (points: readonly SparkPoint[]): string =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
