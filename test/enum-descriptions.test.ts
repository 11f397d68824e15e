// Every enumeration of the API reads without the source: each value described, each enum saying
// in Vietnamese what its order means (or that it has none).
import { isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema.js';

/** Vietnamese text: a letter only Vietnamese (among the API's languages) writes. */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

const enums = Object.values(schema.getTypeMap()).filter((type) => isEnumType(type) && !type.name.startsWith('__'));

describe('enumerations', () => {
  it('are found in the schema', () => {
    expect(enums.map((type) => type.name)).toEqual(expect.arrayContaining(['CandidateStage', 'UnitKind', 'RatingLevel', 'Measure', 'Dimension']));
  });

  it.each(enums.map((type) => [type.name, type] as const))('%s describes every value, in Vietnamese', (_name, type) => {
    if (!isEnumType(type)) throw new Error('not an enum');
    for (const value of type.getValues()) {
      expect(value.description?.trim(), `${type.name}.${value.name} has no description`).toBeTruthy();
      expect(value.description, `${type.name}.${value.name} is not described in Vietnamese`).toMatch(VIETNAMESE);
    }
    expect(type.description, `${type.name} has no Vietnamese description`).toMatch(VIETNAMESE);
  });

  it('says the order of the domain enumerations, and the candidate stages in admission order', () => {
    const domain = ['UnitKind', 'MemberStatus', 'MeetingLevel', 'AssessorKind', 'PlanStatus', 'RatingLevel', 'CandidateStage', 'Role', 'SnapshotStatus'];
    for (const name of domain) expect(schema.getType(name)?.description, name).toMatch(/Thứ tự: /);
    const stages = schema.getType('CandidateStage')?.description ?? '';
    expect(stages).toContain('POOL → TRAINED → DOSSIER → CELL_RESOLUTION → COMMITTEE_RESOLUTION → DECIDED → ADMITTED → DROPPED');
    expect(schema.getType('UnitKind')?.description).toContain('PROVINCE → DISTRICT → GRASSROOTS → SUB_COMMITTEE → CELL');
  });
});
