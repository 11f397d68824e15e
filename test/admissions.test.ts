import { describe, expect, it } from 'vitest';
import { graphql } from './generated/index.js';
import type { CandidateCreateInput, CandidateFilter } from './generated/graphql.js';
import { run } from './support/client.js';
import { useFreshDatabase } from './support/database.js';
import { createTree, createUnit } from './support/factories.js';
import {
  AdvanceCandidate,
  CreateCandidate,
  DissolveUnit,
  advanceCandidateTo,
  candidateInput,
  createCandidate,
  createMember,
  createOfficialMember,
  daysFromToday,
} from './support/members.factories.js';

useFreshDatabase();

const SetTarget = graphql(`
  mutation AdmissionsSetTarget($input: AdmissionTargetSetInput!) {
    admissionTargetSet(input: $input) {
      __typename
      ... on AdmissionTargetSetSuccess { data { id year target admitted achievedPercent unit { id } } }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

async function setTarget(unitId: string, year: number, target: number) {
  const { admissionTargetSet } = await run(SetTarget, { input: { unitId, year, target } });
  if (admissionTargetSet.__typename !== 'AdmissionTargetSetSuccess') throw new Error(JSON.stringify(admissionTargetSet));
  return admissionTargetSet.data;
}

const Targets = graphql(`
  query AdmissionsTargets($filter: AdmissionTargetFilter) {
    admissionTargets(filter: $filter) {
      totalCount
      edges { node { year target admitted achievedPercent unit { id name } } }
    }
  }
`);

const Candidates = graphql(`
  query AdmissionsCandidates($filter: CandidateFilter, $first: Int, $after: String) {
    candidates(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id fullName stage } }
    }
  }
`);

async function candidateNames(filter: CandidateFilter) {
  const { candidates } = await run(Candidates, { filter, first: 500 });
  return candidates.edges.map((edge) => edge.node.fullName);
}

const CandidateById = graphql(`
  query AdmissionsCandidateById($id: ID!) {
    node(id: $id) {
      ... on Candidate {
        id stage trainedOn cellResolutionOn droppedReason
        member { id }
        stageChanges { stage changedOn note }
      }
    }
  }
`);

async function readCandidate(id: string) {
  const { node } = await run(CandidateById, { id });
  if (!node || !('stageChanges' in node)) throw new Error(`no candidate ${id}`);
  return node;
}

const DropCandidate = graphql(`
  mutation AdmissionsDrop($input: CandidateDropInput!) {
    candidateDrop(input: $input) {
      __typename
      ... on CandidateDropSuccess { data { id stage droppedReason stageChanges { stage changedOn note } } }
      ... on ValidationError { issues { field message } }
    }
  }
`);

const AdmitCandidate = graphql(`
  mutation AdmissionsAdmit($input: CandidateAdmitInput!) {
    candidateAdmit(input: $input) {
      __typename
      ... on CandidateAdmitSuccess {
        data {
          id stage
          stageChanges { stage changedOn }
          member { id fullName status admittedOn birthDate youthUnionMember cell { id } admittedBy { id } assignments { fromDate toDate } }
        }
      }
      ... on Error { message }
      ... on ValidationError { issues { field message } }
      ... on NotFoundError { field }
    }
  }
`);

const MembersOfCell = graphql(`
  query AdmissionsMembersOfCell($cellId: ID!) {
    members(filter: { cellId: $cellId, includeFormer: true }) { totalCount edges { node { fullName } } }
  }
`);

async function memberCount(cellId: string) {
  return (await run(MembersOfCell, { cellId })).members.totalCount;
}

const percentOf = (admitted: number, target: number) => Math.round((admitted / target) * 1000) / 10;

describe('admission targets', () => {
  it("counts members admitted in the year by units in the target unit's subtree", async () => {
    const tree = await createTree();
    const otherCommune = await createUnit({ name: 'Xã Tân Bình', kind: 'GRASSROOTS', parentId: tree.district.id });
    const otherCell = await createUnit({ name: 'Chi bộ ấp Tân Lợi', kind: 'CELL', parentId: otherCommune.id });
    const admissions = [
      { cellId: tree.cellA.id, admittedOn: '2025-01-01', admittedBy: tree.commune.id },
      { cellId: tree.cellA.id, admittedOn: '2025-12-31', admittedBy: tree.commune.id },
      { cellId: tree.cellB.id, admittedOn: '2024-12-31', admittedBy: tree.commune.id },
      { cellId: otherCell.id, admittedOn: '2025-06-01', admittedBy: otherCommune.id },
      // Admitted by the district itself for a cell of the commune: in the district's count only.
      { cellId: tree.cellB.id, admittedOn: '2025-03-03', admittedBy: tree.district.id },
    ];
    for (const [index, row] of admissions.entries()) {
      await createMember(row.cellId, { fullName: `Ngô Văn Số ${index}`, admittedOn: row.admittedOn, admittedByUnitId: row.admittedBy });
    }
    const inYear = (unitIds: string[]) =>
      admissions.filter((row) => row.admittedOn.startsWith('2025') && unitIds.includes(row.admittedBy)).length;

    const commune = await setTarget(tree.commune.id, 2025, 3);
    const communeAdmitted = inYear([tree.commune.id]);
    expect(commune).toMatchObject({ year: 2025, target: 3, admitted: communeAdmitted, achievedPercent: percentOf(communeAdmitted, 3) });

    const district = await setTarget(tree.district.id, 2025, 8);
    const districtAdmitted = inYear([tree.district.id, tree.commune.id, otherCommune.id]);
    expect(district).toMatchObject({ admitted: districtAdmitted, achievedPercent: percentOf(districtAdmitted, 8) });
    expect(districtAdmitted).toBe(4);
  });

  it('replaces the target of a unit and year, and answers null percent for a target of zero', async () => {
    const tree = await createTree();
    const first = await setTarget(tree.commune.id, 2024, 5);
    const second = await setTarget(tree.commune.id, 2024, 0);
    expect(second).toMatchObject({ id: first.id, target: 0, admitted: 0, achievedPercent: null });
    const { admissionTargets } = await run(Targets, { filter: { underUnitId: tree.commune.id } });
    expect(admissionTargets.totalCount).toBe(1);
  });

  it('refuses a negative target, an impossible year and an unknown unit', async () => {
    const tree = await createTree();
    const negative = await run(SetTarget, { input: { unitId: tree.commune.id, year: 2025, target: -1 } });
    expect(negative.admissionTargetSet).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.target' }] });
    const year = await run(SetTarget, { input: { unitId: tree.commune.id, year: 1800, target: 2 } });
    expect(year.admissionTargetSet).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.year' }] });
    const unknown = await run(SetTarget, { input: { unitId: Buffer.from('Unit:999999').toString('base64'), year: 2025, target: 2 } });
    expect(unknown.admissionTargetSet).toMatchObject({ __typename: 'NotFoundError', field: 'input.unitId' });
    const { admissionTargets } = await run(Targets, { filter: { underUnitId: tree.province.id } });
    expect(admissionTargets.totalCount).toBe(0);
  });

  it('lists the targets of a subtree and a year, latest year first then units in Vietnamese order', async () => {
    const tree = await createTree();
    const other = await createTree({ commune: 'Xã Ấp Mới' });
    await setTarget(tree.commune.id, 2024, 2);
    await setTarget(tree.district.id, 2025, 6);
    await setTarget(tree.commune.id, 2025, 3);
    await setTarget(other.commune.id, 2025, 9);
    const all = await run(Targets, { filter: { underUnitId: tree.district.id } });
    expect(all.admissionTargets.edges.map((e) => [e.node.year, e.node.unit.name])).toEqual([
      [2025, 'Huyện Phụng Hiệp'],
      [2025, 'Xã Hòa An'],
      [2024, 'Xã Hòa An'],
    ]);
    const year2024 = await run(Targets, { filter: { underUnitId: tree.district.id, year: 2024 } });
    expect(year2024.admissionTargets.edges.map((e) => e.node.target)).toEqual([2]);
  });
});

describe('candidateCreate', () => {
  it('puts a person in the pool with a mentor and two sponsors', async () => {
    const tree = await createTree();
    const mentor = await createOfficialMember(tree.cellA.id, 'Lâm Văn Hướng');
    const sponsor = await createOfficialMember(tree.cellA.id, 'Quách Thị Giới');
    const candidate = await createCandidate(tree.cellA.id, { mentorId: mentor.id, sponsorIds: [mentor.id, sponsor.id] });
    expect(candidate).toMatchObject({
      fullName: 'Trần Thị Bích',
      stage: 'POOL',
      cell: { id: tree.cellA.id },
      mentor: { id: mentor.id },
      stageChanges: [{ stage: 'POOL', changedOn: '2025-01-10' }],
    });
    expect(candidate.sponsors.map((s) => s.id).sort()).toEqual([mentor.id, sponsor.id].sort());
  });

  it('refuses sponsors named twice, not official, or too many, an inactive mentor and a dissolved cell, writing nothing', async () => {
    const tree = await createTree();
    const official = await createOfficialMember(tree.cellA.id, 'Lâm Văn Chính');
    const second = await createOfficialMember(tree.cellA.id, 'Lâm Văn Nhì');
    const third = await createOfficialMember(tree.cellA.id, 'Lâm Văn Tam');
    const probationary = await createMember(tree.cellA.id, { fullName: 'Lâm Văn Dự' });
    const cellGone = await createUnit({ name: 'Chi bộ cũ', kind: 'CELL', parentId: tree.commune.id });
    await run(DissolveUnit, { input: { id: cellGone.id, validTo: '2022-12-31' } });
    const cases: [Partial<CandidateCreateInput>, string][] = [
      [{ sponsorIds: [official.id, official.id] }, 'input.sponsorIds.1'],
      [{ sponsorIds: [probationary.id] }, 'input.sponsorIds.0'],
      [{ sponsorIds: [official.id, second.id, third.id] }, 'input.sponsorIds'],
      [{ mentorId: probationary.id }, 'input.mentorId'],
      [{ cellId: cellGone.id }, 'input.cellId'],
      [{ cellId: tree.commune.id }, 'input.cellId'],
      [{ enteredOn: daysFromToday(5) }, 'input.enteredOn'],
    ];
    for (const [overrides, field] of cases) {
      const { candidateCreate } = await run(CreateCandidate, { input: candidateInput(tree.cellA.id, overrides) });
      expect(candidateCreate.__typename, JSON.stringify(overrides)).toBe('ValidationError');
      expect(candidateCreate.__typename === 'ValidationError' && candidateCreate.issues.map((i) => i.field)).toContain(field);
    }
    const unknownMentor = await run(CreateCandidate, {
      input: candidateInput(tree.cellA.id, { mentorId: Buffer.from('Member:999999').toString('base64') }),
    });
    expect(unknownMentor.candidateCreate).toMatchObject({ __typename: 'NotFoundError', field: 'input.mentorId' });
    expect(await candidateNames({ underUnitId: tree.province.id })).toEqual([]);
  });
});

describe('candidateAdvance', () => {
  it('moves one stage at a time, recording each stage with its day and note', async () => {
    const tree = await createTree();
    const { id } = await createCandidate(tree.cellA.id);
    const trained = await run(AdvanceCandidate, { input: { id, stage: 'TRAINED', on: '2025-02-01', note: 'Lớp khóa 3' } });
    expect(trained.candidateAdvance).toMatchObject({ __typename: 'CandidateAdvanceSuccess', data: { stage: 'TRAINED', trainedOn: '2025-02-01' } });
    for (const [stage, on] of [
      ['DOSSIER', '2025-03-01'],
      ['CELL_RESOLUTION', '2025-04-01'],
      ['COMMITTEE_RESOLUTION', '2025-05-01'],
      ['DECIDED', '2025-06-01'],
    ] as const) {
      const { candidateAdvance } = await run(AdvanceCandidate, { input: { id, stage, on } });
      expect(candidateAdvance.__typename, stage).toBe('CandidateAdvanceSuccess');
    }
    const candidate = await readCandidate(id);
    expect(candidate).toMatchObject({ stage: 'DECIDED', trainedOn: '2025-02-01', cellResolutionOn: '2025-04-01' });
    expect(candidate.stageChanges.map((c) => [c.stage, c.changedOn])).toEqual([
      ['POOL', '2025-01-10'],
      ['TRAINED', '2025-02-01'],
      ['DOSSIER', '2025-03-01'],
      ['CELL_RESOLUTION', '2025-04-01'],
      ['COMMITTEE_RESOLUTION', '2025-05-01'],
      ['DECIDED', '2025-06-01'],
    ]);
    expect(candidate.stageChanges[1]?.note).toBe('Lớp khóa 3');
  });

  it('refuses a skipped or backward stage, ADMITTED and DROPPED, a date before the last stage, an unknown candidate', async () => {
    const tree = await createTree();
    const { id } = await createCandidate(tree.cellA.id);
    const cases = [
      [{ stage: 'DOSSIER', on: '2025-02-01' }, 'input.stage'],
      [{ stage: 'POOL', on: '2025-02-01' }, 'input.stage'],
      [{ stage: 'ADMITTED', on: '2025-02-01' }, 'input.stage'],
      [{ stage: 'DROPPED', on: '2025-02-01' }, 'input.stage'],
      [{ stage: 'TRAINED', on: '2025-01-09' }, 'input.on'],
      [{ stage: 'TRAINED', on: daysFromToday(1) }, 'input.on'],
    ] as const;
    for (const [input, field] of cases) {
      const { candidateAdvance } = await run(AdvanceCandidate, { input: { id, ...input } });
      expect(candidateAdvance, JSON.stringify(input)).toMatchObject({ __typename: 'ValidationError', issues: [{ field }] });
    }
    const unknown = await run(AdvanceCandidate, { input: { id: Buffer.from('Candidate:999999').toString('base64'), stage: 'TRAINED', on: '2025-02-01' } });
    expect(unknown.candidateAdvance).toMatchObject({ __typename: 'NotFoundError', field: 'input.id' });
    expect(await readCandidate(id)).toMatchObject({ stage: 'POOL', trainedOn: null, stageChanges: [{ stage: 'POOL' }] });
  });

  it('lets the cell consider a person aged 18 up to their 60th birthday, and no one else', async () => {
    const tree = await createTree();
    const toCellResolution = async (birthDate: string, on: string) => {
      const { id } = await createCandidate(tree.cellA.id, { birthDate, enteredOn: '2024-01-01' });
      await advanceCandidateTo(id, 'DOSSIER', '2024-02-01');
      return (await run(AdvanceCandidate, { input: { id, stage: 'CELL_RESOLUTION', on } })).candidateAdvance;
    };
    expect(await toCellResolution('2006-06-01', '2024-05-31')).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.on' }] });
    expect(await toCellResolution('2006-05-31', '2024-05-31')).toMatchObject({ __typename: 'CandidateAdvanceSuccess', data: { cellResolutionOn: '2024-05-31' } });
    expect(await toCellResolution('1964-05-31', '2024-05-31')).toMatchObject({ __typename: 'CandidateAdvanceSuccess' });
    expect(await toCellResolution('1964-05-30', '2024-05-31')).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.on' }] });
  });
});

describe('candidateDrop', () => {
  it('drops a candidate at any stage before admission, then refuses to move them again', async () => {
    const tree = await createTree();
    const { id } = await createCandidate(tree.cellA.id);
    await advanceCandidateTo(id, 'DOSSIER');
    const { candidateDrop } = await run(DropCandidate, { input: { id, reason: 'Chuyển công tác', on: '2025-04-01' } });
    expect(candidateDrop).toMatchObject({
      __typename: 'CandidateDropSuccess',
      data: { stage: 'DROPPED', droppedReason: 'Chuyển công tác' },
    });
    const again = await run(DropCandidate, { input: { id, reason: 'Lần nữa', on: '2025-05-01' } });
    expect(again.candidateDrop).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });
    const advance = await run(AdvanceCandidate, { input: { id, stage: 'CELL_RESOLUTION', on: '2025-05-01' } });
    expect(advance.candidateAdvance).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });
    const noReason = await run(DropCandidate, { input: { id: (await createCandidate(tree.cellA.id)).id, reason: ' ', on: '2025-04-01' } });
    expect(noReason.candidateDrop).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.reason' }] });
  });
});

describe('candidateAdmit', () => {
  it("turns a decided candidate into a probationary member and raises the target's admitted count by one", async () => {
    const tree = await createTree();
    // Two members the commune admitted this year before the ceremony, one the year before.
    const admittedBefore = ['2026-01-15', '2026-02-20'];
    for (const [index, admittedOn] of [...admittedBefore, '2025-12-31'].entries()) {
      await createMember(tree.cellB.id, { fullName: `Ông Văn Trước ${index}`, admittedOn });
    }
    const target = await setTarget(tree.commune.id, 2026, 4);
    expect(target).toMatchObject({ admitted: admittedBefore.length, achievedPercent: percentOf(admittedBefore.length, 4) });

    const { id } = await createCandidate(tree.cellA.id, { fullName: 'Trần Thị Bích', birthDate: '1998-04-15', youthUnionMember: true });
    await advanceCandidateTo(id, 'DECIDED', '2025-02-01');
    const { candidateAdmit } = await run(AdmitCandidate, { input: { id, admittedOn: '2026-03-03' } });
    expect(candidateAdmit).toMatchObject({
      __typename: 'CandidateAdmitSuccess',
      data: {
        stage: 'ADMITTED',
        member: {
          fullName: 'Trần Thị Bích',
          status: 'PROBATIONARY',
          admittedOn: '2026-03-03',
          birthDate: '1998-04-15',
          youthUnionMember: true,
          cell: { id: tree.cellA.id },
          admittedBy: { id: tree.commune.id },
          assignments: [{ fromDate: '2026-03-03', toDate: null }],
        },
      },
    });
    if (candidateAdmit.__typename !== 'CandidateAdmitSuccess') throw new Error('not admitted');
    expect(candidateAdmit.data.stageChanges.at(-1)).toEqual({ stage: 'ADMITTED', changedOn: '2026-03-03' });

    const after = await setTarget(tree.commune.id, 2026, 4);
    expect(after).toMatchObject({ admitted: admittedBefore.length + 1, achievedPercent: percentOf(admittedBefore.length + 1, 4) });
    const { members } = await run(MembersOfCell, { cellId: tree.cellA.id });
    expect(members.edges.map((e) => e.node.fullName)).toEqual(['Trần Thị Bích']);
  });

  it('admits only a DECIDED candidate whose training certificate is under five years old', async () => {
    const tree = await createTree();
    const early = await createCandidate(tree.cellA.id);
    await advanceCandidateTo(early.id, 'COMMITTEE_RESOLUTION');
    const notDecided = await run(AdmitCandidate, { input: { id: early.id, admittedOn: '2025-09-01' } });
    expect(notDecided.candidateAdmit).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });

    const old = await createCandidate(tree.cellA.id, { fullName: 'Lê Văn Cũ', enteredOn: '2019-01-01' });
    await advanceCandidateTo(old.id, 'DECIDED', '2019-01-10');
    const expired = await run(AdmitCandidate, { input: { id: old.id, admittedOn: '2024-01-10' } });
    expect(expired.candidateAdmit).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.admittedOn' }] });
    const lastDay = await run(AdmitCandidate, { input: { id: old.id, admittedOn: '2024-01-09' } });
    expect(lastDay.candidateAdmit).toMatchObject({ __typename: 'CandidateAdmitSuccess', data: { stage: 'ADMITTED' } });
    const twice = await run(AdmitCandidate, { input: { id: old.id, admittedOn: '2024-01-09' } });
    expect(twice.candidateAdmit).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });
  });

  it('is all-or-nothing: a refusal from the shared member rules creates no member and leaves the candidate DECIDED', async () => {
    const tree = await createTree();
    const { id } = await createCandidate(tree.cellB.id, { fullName: 'Hứa Văn Chờ' });
    await advanceCandidateTo(id, 'DECIDED');
    const before = await memberCount(tree.cellB.id);

    const unknownUnit = await run(AdmitCandidate, {
      input: { id, admittedOn: '2025-09-02', admittedByUnitId: Buffer.from('Unit:999999').toString('base64') },
    });
    expect(unknownUnit.candidateAdmit).toMatchObject({ __typename: 'NotFoundError', field: 'input.admittedByUnitId' });
    const future = await run(AdmitCandidate, { input: { id, admittedOn: daysFromToday(10) } });
    expect(future.candidateAdmit).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.admittedOn' }] });

    // The cell is dissolved after the decision: admitMember, the same rule as memberCreate, refuses it.
    await run(DissolveUnit, { input: { id: tree.cellB.id, validTo: '2025-08-31' } });
    const dissolved = await run(AdmitCandidate, { input: { id, admittedOn: '2025-09-02' } });
    expect(dissolved.candidateAdmit).toMatchObject({ __typename: 'ValidationError', issues: [{ field: 'input.id' }] });
    expect(dissolved.candidateAdmit.__typename === 'ValidationError' && dissolved.candidateAdmit.message).toMatch(/dissolved/);

    expect(await memberCount(tree.cellB.id)).toBe(before);
    const candidate = await readCandidate(id);
    expect(candidate).toMatchObject({ stage: 'DECIDED', member: null });
    expect(candidate.stageChanges.map((c) => c.stage)).not.toContain('ADMITTED');
  });
});

describe('candidates list', () => {
  it('filters by subtree, stage and folded name, in Vietnamese order of given name then full name, with pagination', async () => {
    const tree = await createTree();
    const other = await createTree({ commune: 'Xã Khác' });
    const names = ['Võ Thị Én', 'Đinh Văn Hải', 'Dương Thị Lan', 'Bạch Văn Tùng', 'An Thị Út'];
    for (const fullName of names) await createCandidate(tree.cellA.id, { fullName });
    const decided = await createCandidate(tree.cellB.id, { fullName: 'Cao Văn Quyết' });
    await advanceCandidateTo(decided.id, 'DECIDED');
    await createCandidate(other.cellA.id, { fullName: 'Đinh Thị Ngoài' });

    // Oracle: the collator on the given name (the last word), then on the whole name.
    const collator = new Intl.Collator('vi');
    const given = (name: string) => name.split(' ').at(-1) ?? '';
    const all = [...names, 'Cao Văn Quyết'].sort((a, b) => collator.compare(given(a), given(b)) || collator.compare(a, b));
    expect(await candidateNames({ underUnitId: tree.commune.id })).toEqual(all);
    expect(await candidateNames({ underUnitId: tree.commune.id, stages: ['DECIDED'] })).toEqual(['Cao Văn Quyết']);
    expect(await candidateNames({ underUnitId: tree.province.id, search: 'dinh' })).toEqual(['Đinh Văn Hải']);
    expect(await candidateNames({ search: 'DINH THI' })).toEqual(['Đinh Thị Ngoài']);

    const seen: string[] = [];
    let after: string | undefined;
    do {
      const { candidates } = await run(Candidates, { filter: { underUnitId: tree.commune.id }, first: 4, after });
      expect(candidates.totalCount).toBe(all.length);
      seen.push(...candidates.edges.map((e) => e.node.fullName));
      after = candidates.pageInfo.hasNextPage ? (candidates.pageInfo.endCursor ?? undefined) : undefined;
    } while (after);
    expect(seen).toEqual(all);
  });
});
