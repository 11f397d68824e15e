// A criterion computed from a meeting's attendance record (CriterionComputation.ATTENDANCE):
// the points follow from who came, by the bands the criteria set configures, never from what
// an assessor types. Pure, and the only place the rule is written: the recorder, the import
// (through the recorder) and the demo generator all call it.

/** What a meeting's record says about attendance. */
export interface AttendanceRecord {
  /** Members expected: the cell's members that day less the exempt. */
  expected: number;
  present: number;
  /** Absences recorded UNEXCUSED (vắng không lý do). */
  unexcused: number;
}

/** One band of a computed criterion, as configured in its criteria set. */
export interface AttendanceBandRule {
  points: number;
  /** The share present must be above this percentage (at least it, when inclusive); null: any share. */
  minPresentPercent: number | null;
  minPresentInclusive: boolean;
  /** The most unexcused absences allowed; null: any number. */
  maxUnexcusedAbsences: number | null;
  source: string;
}

/**
 * Whether the record meets a band's share condition. Compared in whole hundredths of a
 * percent (the store keeps two decimals), so 17 of 20 present is exactly 85%, never 85.0000001.
 * With nobody expected nobody was missing: the share counts as 100%.
 */
function shareHolds(band: AttendanceBandRule, record: AttendanceRecord): boolean {
  if (band.minPresentPercent === null) return true;
  const [present, expected] = record.expected === 0 ? [1, 1] : [record.present, record.expected];
  const left = present * 100_00;
  const right = Math.round(band.minPresentPercent * 100) * expected;
  return band.minPresentInclusive ? left >= right : left > right;
}

export function bandHolds(band: AttendanceBandRule, record: AttendanceRecord): boolean {
  return shareHolds(band, record) && (band.maxUnexcusedAbsences === null || record.unexcused <= band.maxUnexcusedAbsences);
}

/** The points the record earns: the most any band whose conditions hold gives, 0 when none holds. */
export function attendancePoints(bands: readonly AttendanceBandRule[], record: AttendanceRecord): { points: number; band: AttendanceBandRule | null } {
  let best: AttendanceBandRule | null = null;
  for (const band of bands) {
    if (bandHolds(band, record) && (best === null || band.points > best.points)) best = band;
  }
  return { points: best?.points ?? 0, band: best };
}

/** The share present, in percent to one decimal, as people read it ("77.8%"). */
export function presentPercentLabel(record: AttendanceRecord): string {
  const share = record.expected === 0 ? 100 : (record.present * 100) / record.expected;
  return `${Math.round(share * 10) / 10}%`;
}

/** A record and the band it fell in (null: none), as the catalogue's message says them in words. */
export function attendanceParams(record: AttendanceRecord, band: AttendanceBandRule | null) {
  return {
    present: record.present,
    expected: record.expected,
    percent: presentPercentLabel(record),
    unexcused: record.unexcused,
    band: band ? 1 : 0,
    minPercent: band?.minPresentPercent ?? '',
    inclusive: band?.minPresentInclusive ? 1 : 0,
    maxUnexcused: band?.maxUnexcusedAbsences ?? '',
  };
}
