// Members and meetings written straight to the store (their features are built elsewhere),
// so that ratings and supervision tests state only what they are about.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { wholeStore } from './store.js';
import { globalId } from '../../src/graphql/ids.js';
import { foldForSearch, personSortKey } from '../../src/text/vietnamese.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const local = (id: string) => Number(decodeGlobalID(id).id);

/** A period in a cell: from a day, until a day (exclusive) or still there. */
export interface CellStay {
  cellId: string;
  from: string;
  to?: string;
}

/** A member with their cell history; the current cell is the last stay's. Returns the global id. */
export async function createMember(fullName: string, stays: CellStay[]): Promise<string> {
  const last = stays[stays.length - 1];
  if (!last) throw new Error('a member needs at least one stay in a cell');
  const member = await wholeStore().member.create({
    data: {
      fullName,
      searchName: foldForSearch(fullName),
      sortKey: personSortKey(fullName),
      gender: 'MALE',
      birthDate: day('1980-01-01'),
      ethnicity: 'Kinh',
      cellId: local(last.cellId),
      admittedOn: day(stays[0]?.from ?? '2010-01-01'),
      status: 'OFFICIAL',
      assignments: {
        create: stays.map((stay) => ({ cellId: local(stay.cellId), fromDate: day(stay.from), toDate: stay.to ? day(stay.to) : null })),
      },
    },
  });
  return globalId('Member', member.id);
}

/** `count` members of one cell since 2015, named "<prefix> 1" … */
export async function createMembers(cellId: string, count: number, prefix = 'Đảng viên'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) ids.push(await createMember(`${prefix} ${i}`, [{ cellId, from: '2015-01-01' }]));
  return ids;
}

/** A regular monthly meeting of a cell on a day. Returns the global id. */
export async function createMeeting(cellId: string, heldOn: string): Promise<string> {
  const date = day(heldOn);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const meeting = await wholeStore().meeting.create({
    data: {
      cellId: local(cellId),
      kind: 'REGULAR',
      year,
      month,
      heldOn: date,
      startsAt: new Date(`${heldOn}T19:00:00Z`),
      endsAt: new Date(`${heldOn}T21:00:00Z`),
      topic: `Sinh hoạt thường kỳ tháng ${month}/${year}`,
      expectedCount: 10,
      presentCount: 9,
      regularMonthKey: year * 100 + month,
    },
  });
  return globalId('Meeting', meeting.id);
}
