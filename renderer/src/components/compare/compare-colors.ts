/** One colour per ticker (up to ten), in the order asked; the chart and its legend share them. */
export const COMPARE_COLORS = [
  '#2563eb',
  '#d97706',
  '#15803d',
  '#b91c1c',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#475569',
  '#ea580c',
] as const;

export const colorOf = (i: number): string => COMPARE_COLORS[i % COMPARE_COLORS.length] ?? '#475569';
