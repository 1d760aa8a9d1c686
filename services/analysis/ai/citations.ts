import type { ReportBody, ReportFlag, ReportInput } from '../../contract';

/**
 * Citations of ids the input does not have: one flag per id and place (`summary` for the report's
 * own citations, `strengths[i]`, `risks[i]`), in the order summary, strengths, risks.
 */
export function checkCitations(body: ReportBody, input: ReportInput): ReportFlag[] {
  const known = new Set(input.data_points.map((p) => p.id));
  const places: [string, readonly string[]][] = [
    ['summary', body.citations],
    ...body.strengths.map((c, i): [string, readonly string[]] => [`strengths[${i}]`, c.citations]),
    ...body.risks.map((c, i): [string, readonly string[]] => [`risks[${i}]`, c.citations]),
  ];
  const flags: ReportFlag[] = [];
  for (const [where, citations] of places) {
    for (const citation of new Set(citations)) {
      if (known.has(citation)) continue;
      flags.push({
        kind: 'unknown_citation',
        citation,
        where,
        message: `${where} cites "${citation}", which is not a data point of this report`,
      });
    }
  }
  return flags;
}
