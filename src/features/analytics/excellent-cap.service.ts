// Grassroots organisations whose members rated EXCELLENT exceed the cap (by default 20% of those
// rated GOOD or better; the rule's percentage and base are arguments), read from a snapshot
// through the measure engine. The cap itself is rating-rules.ts's, as on the store's side.
import { ValidationError } from '../../errors.js';
import { capPercentIssue, excellentCap, type ExcellentCapRule } from '../ratings/rating-rules.js';
import { percent, snapshotRows, type SnapshotSource, type UnitLabel } from './analytics.service.js';
import { runMeasures } from './measures/measure-query.js';
import { isGrassrootsOrganisation } from '../units/unit-rules.js';

export interface CapFigures {
  unit: UnitLabel;
  excellent: number;
  good: number;
  baseCount: number;
  allowed: number;
  excess: number;
  excellentOfGoodPercent: number | null;
  excellentOfBasePercent: number | null;
}

export async function excellentCapReport(source: SnapshotSource, unitId: number, year: number, rule: ExcellentCapRule) {
  const issue = capPercentIssue(rule.percent);
  if (issue) throw ValidationError.of('args.capPercent', issue);
  const rows = await runMeasures(source, {
    unitId,
    fromYear: year,
    toYear: year,
    measures: ['MEMBERS_EXCELLENT', 'MEMBERS_GOOD'],
    dimensions: ['UNIT'],
    unitLevel: 'GRASSROOTS',
  });
  // Members rated outside any grassroots organisation fall to the unit asked for: it is one of
  // them only if it is a grassroots organisation itself.
  const [root] = await snapshotRows(
    `SELECT u.kind, p.kind AS parent_kind FROM "OrgUnit" u LEFT JOIN "OrgUnit" p ON p.id = u."parentId" WHERE u.id = $unit_id`,
    source.snapshot,
    { unit_id: unitId },
  );
  const rootIsGrassroots = root !== undefined && isGrassrootsOrganisation(String(root.kind), root.parent_kind === null ? null : String(root.parent_kind));
  const organisations = rows
    .filter((row) => row.unit && (row.unit.unitId !== unitId || rootIsGrassroots))
    .map((row): CapFigures => {
      const [excellent = 0, good = 0] = row.values.map((value) => value ?? 0);
      const { baseCount, allowed, excess } = excellentCap(excellent, good, rule);
      return {
        unit: row.unit!,
        excellent,
        good,
        baseCount,
        allowed,
        excess,
        excellentOfGoodPercent: percent(excellent, good),
        excellentOfBasePercent: percent(excellent, baseCount),
      };
    });
  return { organisations: organisations.length, breaches: organisations.filter((o) => o.excess > 0) };
}
