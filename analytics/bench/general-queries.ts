// The general queries a dashboard builder asks besides the ten fixed ones: `measures` (any
// measures of the catalogue, broken down by any dimensions) and `unitComparison` (units side
// by side). Timed over HTTP only: they are the API's own way of asking, with no one plain-SQL
// form to hold them against.
import { globalId } from '../../src/graphql/ids.js';

export interface GeneralQuery {
  key: string;
  title: string;
  field: string;
  document: string;
  variables: Record<string, unknown>;
}

const measuresDocument = `query Bench_measures($unitId: ID!, $fromYear: Int!, $toYear: Int!, $measures: [Measure!]!, $dimensions: [Dimension!]!, $snapshot: ID) {
  measures(unitId: $unitId, fromYear: $fromYear, toYear: $toYear, measures: $measures, dimensions: $dimensions, snapshot: $snapshot) {
    snapshot { id asOf }
    total { label values }
    rows { label keys { dimension value label } values }
  }
}`;

const comparisonDocument = `query Bench_unitComparison($unitIds: [ID!]!, $year: Int!, $measures: [Measure!]!, $snapshot: ID) {
  unitComparison(unitIds: $unitIds, year: $year, measures: $measures, snapshot: $snapshot) {
    snapshot { id asOf }
    units { unit { id name } parent { id name } figures { measure label value previous change rank rankedAmong shareOfParent parentValue } }
  }
}`;

const cellMeasures = ['CELLS', 'CELLS_RATED', 'CELLS_GOOD_OR_BETTER_PERCENT', 'CELLS_EXCELLENT_PERCENT'];
const meetingMeasures = ['ATTENDANCE_PERCENT', 'AVERAGE_SCORE', 'AT_THRESHOLD_PERCENT'];

/**
 * `measures` for a unit: its units side by side over one year, and its meetings by kind and
 * quarter over every year; `unitComparison` of the given units (the roots of the store, or the
 * units under the one root: at most 20).
 */
export function generalQueries(
  unit: { id: number; name: string },
  compared: { id: number; name: string }[],
  years: { from: number; to: number },
  snapshotId: number,
  scope: string,
): GeneralQuery[] {
  const snapshot = globalId('Snapshot', snapshotId);
  const fullYear = Math.max(years.from, years.to - 1);
  return [
    {
      key: `measures-units-${scope}`,
      title: `measures: ${[...cellMeasures, ...meetingMeasures].length} measures by unit, ${fullYear}, ${scope}`,
      field: 'measures',
      document: measuresDocument,
      variables: { unitId: globalId('Unit', unit.id), fromYear: fullYear, toYear: fullYear, measures: [...cellMeasures, ...meetingMeasures], dimensions: ['UNIT'], snapshot },
    },
    {
      key: `measures-kind-quarter-${scope}`,
      title: `measures: meetings by kind and quarter, ${years.from}–${years.to}, ${scope}`,
      field: 'measures',
      document: measuresDocument,
      variables: { unitId: globalId('Unit', unit.id), fromYear: years.from, toYear: years.to, measures: meetingMeasures, dimensions: ['YEAR', 'QUARTER', 'MEETING_KIND'], snapshot },
    },
    {
      key: `unitComparison-${compared.length}`,
      title: `unitComparison: ${compared.length} units, ${fullYear}`,
      field: 'unitComparison',
      document: comparisonDocument,
      variables: { unitIds: compared.slice(0, 20).map((u) => globalId('Unit', u.id)), year: fullYear, measures: [...cellMeasures, ...meetingMeasures], snapshot },
    },
  ];
}
