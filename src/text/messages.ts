// Every message the API shows a person, in English and Vietnamese, under a stable code a client
// may branch on. A typed table of functions rather than ICU strings: the compiler checks each
// message's parameters at every use, and neither language needs plural rules the table cannot
// say plainly (Vietnamese nouns do not inflect; English plurals are written out where needed).
import { labels } from './labels.js';

export type Language = 'en' | 'vi';
export const LANGUAGES: readonly Language[] = ['en', 'vi'];

type Params = Record<string, string | number>;

interface Entry<P extends Params> {
  en: (params: P) => string;
  vi: (params: P) => string;
}

function entry<P extends Params = Record<never, never>>(en: (params: P) => string, vi: (params: P) => string): Entry<P> {
  return { en, vi };
}

/** A date as each language writes it: ISO in English, day/month/year in Vietnamese. */
function viDate(iso: string | number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
  return match ? `${match[3]}/${match[2]}/${match[1]}` : String(iso);
}

/** An enumerated value (a unit kind, a member status, a stage) by its Vietnamese label. */
function viLabel(value: string | number): string {
  for (const group of Object.values(labels) as Record<string, string>[]) {
    if (String(value) in group) return group[String(value)]!;
  }
  return String(value);
}

/** A viewer's scope: a unit's name, or the whole country. */
function viScope(scope: string | number): string {
  return scope === 'the whole country' ? 'toàn quốc' : String(scope);
}

const entity: Record<string, string> = {
  unit: 'tổ chức đảng',
  member: 'đảng viên',
  meeting: 'cuộc sinh hoạt',
  user: 'người dùng',
  'API key': 'khóa API',
  'working group': 'tổ công tác',
  snapshot: 'bản chụp dữ liệu',
  'ready snapshot': 'bản chụp dữ liệu sẵn sàng',
  'thematic plan': 'kế hoạch sinh hoạt chuyên đề',
  'thematic plan item': 'mục kế hoạch chuyên đề',
  'criteria set': 'bộ tiêu chí',
  exemption: 'trường hợp miễn sinh hoạt',
  'unit rating': 'kết quả xếp loại tổ chức đảng',
  'member rating': 'kết quả xếp loại đảng viên',
  candidate: 'quần chúng ưu tú',
  record: 'bản ghi',
};

/** What a date must not come before, as NOT_BEFORE names it in Vietnamese. */
const beforeWhat: Record<string, string> = {
  admittedOn: 'ngày vào Đảng',
  'the assignment began': 'ngày bắt đầu phân công',
  'the group was formed': 'ngày thành lập tổ',
  'the plan was registered': 'ngày đăng ký kế hoạch',
};

export const catalogue = {
  // The kinds of failure (the typed errors' own codes).
  VALIDATION_FAILED: entry<{ count: number }>(
    (p) => (p.count === 1 ? 'The input has a problem' : `The input has ${p.count} problems`),
    (p) => (p.count === 1 ? 'Dữ liệu nhập có một lỗi' : `Dữ liệu nhập có ${p.count} lỗi`),
  ),
  NOT_FOUND: entry<{ entity: string; id: string }>(
    (p) => `no ${p.entity} with id ${p.id}`,
    (p) => `không có ${entity[p.entity] ?? p.entity} nào có mã ${p.id}`,
  ),
  NOT_FOUND_IN_SCOPE: entry<{ entity: string; id: string; scope: string }>(
    (p) => `no ${p.entity} with id ${p.id} in your subtree (${p.scope}): you create and move units only within it`,
    (p) => `không có ${entity[p.entity] ?? p.entity} nào có mã ${p.id} trong phạm vi của bạn (${viScope(p.scope)}): bạn chỉ tạo và chuyển tổ chức trong phạm vi đó`,
  ),
  NO_SUCH_RECORD: entry(
    () => 'no such record',
    () => 'không có bản ghi này',
  ),
  FORBIDDEN_ROLE: entry(
    () => 'not allowed for this role',
    () => 'vai trò của bạn không được phép làm việc này',
  ),
  NEEDS_ROLE: entry<{ mutation: string; roles: string; role: string }>(
    (p) => `${p.mutation} needs the role ${p.roles}; this request’s role is ${p.role}`,
    (p) => `${p.mutation} cần vai trò ${p.roles.split(' or ').map(viLabel).join(' hoặc ')}; vai trò của yêu cầu này là ${viLabel(p.role)}`,
  ),
  WHOLE_COUNTRY_MUTATION: entry<{ mutation: string }>(
    (p) => `${p.mutation} changes a snapshot, which holds every unit: only a user of the whole country may run it`,
    (p) => `${p.mutation} thay đổi bản chụp dữ liệu, chứa mọi tổ chức: chỉ người dùng toàn quốc mới được thực hiện`,
  ),
  UNAUTHENTICATED: entry(
    () => 'sign in: send "Authorization: Bearer <token or API key>" (see the README, "Access")',
    () => 'cần đăng nhập: gửi "Authorization: Bearer <token hoặc khóa API>" (xem README, mục "Access")',
  ),

  // Generic rules on a value (zod checks and the shared helpers of src/validation.ts).
  REQUIRED: entry(() => 'is required', () => 'là bắt buộc'),
  NOT_EMPTY: entry(() => 'must not be empty', () => 'không được để trống'),
  MIN_CHARACTERS: entry<{ min: number }>((p) => `must have at least ${p.min} characters`, (p) => `phải có ít nhất ${p.min} ký tự`),
  MAX_CHARACTERS: entry<{ max: number }>((p) => `must have at most ${p.max} characters`, (p) => `không được quá ${p.max} ký tự`),
  MIN_ITEMS: entry<{ min: number }>((p) => `must list at least ${p.min}`, (p) => `phải có ít nhất ${p.min} mục`),
  MAX_ITEMS: entry<{ max: number }>((p) => `must list at most ${p.max}`, (p) => `không được quá ${p.max} mục`),
  NOT_NEGATIVE: entry(() => 'must not be negative', () => 'không được là số âm'),
  AT_LEAST: entry<{ min: number }>((p) => `must be ${p.min} or more`, (p) => `phải từ ${p.min} trở lên`),
  MORE_THAN: entry<{ min: number }>((p) => `must be more than ${p.min}`, (p) => `phải lớn hơn ${p.min}`),
  AT_MOST: entry<{ max: number }>((p) => `must be ${p.max} or less`, (p) => `không được lớn hơn ${p.max}`),
  LESS_THAN: entry<{ max: number }>((p) => `must be less than ${p.max}`, (p) => `phải nhỏ hơn ${p.max}`),
  BETWEEN: entry<{ min: number; max: number }>((p) => `must be from ${p.min} to ${p.max}`, (p) => `phải từ ${p.min} đến ${p.max}`),
  WHOLE_NUMBER: entry(() => 'must be a whole number', () => 'phải là số nguyên'),
  TWO_DECIMALS: entry(() => 'may have at most two decimals', () => 'chỉ được có tối đa hai chữ số thập phân'),
  WRONG_TYPE: entry<{ expected: string }>((p) => `must be a ${p.expected}`, (p) => `sai kiểu dữ liệu (cần ${p.expected})`),
  NOT_ALLOWED_VALUE: entry<{ allowed: string }>((p) => `must be one of ${p.allowed}`, (p) => `phải là một trong ${p.allowed}`),
  CODE_CHARACTERS: entry(
    () => 'may hold only letters A–Z, digits, ".", "_" and "-"',
    () => 'chỉ được gồm chữ cái A–Z, chữ số, ".", "_" và "-"',
  ),
  EMAIL: entry(() => 'must be an email address', () => 'phải là địa chỉ email'),
  WRONG_FORMAT: entry(() => 'is not in the expected form', () => 'không đúng định dạng'),
  INVALID: entry(() => 'is not valid', () => 'không hợp lệ'),
  UNKNOWN_FIELD: entry(() => 'is not a field of this input', () => 'không phải là trường của dữ liệu này'),
  DATE_RANGE: entry(() => 'must be between 1900-01-01 and 2200-12-31', () => 'phải trong khoảng từ 01/01/1900 đến 31/12/2200'),
  YEAR_RANGE: entry(() => 'must be a year from 1930 to 2200', () => 'phải là năm từ 1930 đến 2200'),
  MONTH_RANGE: entry(() => 'must be 1 to 12', () => 'phải từ 1 đến 12'),
  QUARTER_RANGE: entry(() => 'must be 1 to 4', () => 'phải từ 1 đến 4'),
  SCORE_RANGE: entry(() => 'must be from 0 to 100', () => 'phải từ 0 đến 100'),
  NOT_IN_FUTURE: entry(() => 'must not be in the future', () => 'không được là ngày trong tương lai'),
  NOT_BEFORE: entry<{ what: string; date: string }>(
    (p) => `must not be before ${p.what} (${p.date})`,
    (p) => `không được trước ${beforeWhat[p.what] ?? p.what} (${viDate(p.date)})`,
  ),

  // Ids.
  NOT_AN_ID: entry<{ value: string }>((p) => `"${p.value}" is not an id`, (p) => `"${p.value}" không phải là mã định danh`),
  ID_OF_OTHER_TYPE: entry<{ typename: string }>((p) => `must be the id of a ${p.typename}`, (p) => `phải là mã định danh của một ${p.typename}`),

  // Writes refused by the store's rules.
  OUTSIDE_SUBTREE_WRITE: entry(
    () => 'would write a record that belongs to a unit outside your subtree',
    () => 'sẽ ghi một bản ghi thuộc tổ chức ngoài phạm vi của bạn',
  ),
  OUTSIDE_SUBTREE_CHANGE: entry(
    () => 'reaches a record that you may read but not change: it belongs to a unit outside your subtree',
    () => 'chạm tới bản ghi bạn được xem nhưng không được sửa: nó thuộc tổ chức ngoài phạm vi của bạn',
  ),
  ALREADY_EXISTS: entry<{ fields: string }>((p) => `already exists (${p.fields})`, (p) => `đã tồn tại (${p.fields})`),
  REFERS_TO_NOTHING: entry(() => 'refers to a record that does not exist', () => 'trỏ tới bản ghi không tồn tại'),
  STORE_RULE: entry<{ rule: string }>((p) => `breaks the store's rule ${p.rule}`, (p) => `vi phạm quy tắc ${p.rule} của cơ sở dữ liệu`),

  // Units.
  UNIT_ABOVE_SCOPE: entry<{ unit: string; scope: string }>(
    (p) => `${p.unit} lies above your subtree (${p.scope}): you create and move units only within it; ask an administrator of ${p.unit}`,
    (p) => `${p.unit} nằm trên phạm vi của bạn (${viScope(p.scope)}): bạn chỉ tạo và chuyển tổ chức trong phạm vi đó; hãy đề nghị quản trị viên của ${p.unit}`,
  ),
  UNIT_CODE_TAKEN: entry<{ code: string }>((p) => `a unit with code ${p.code} already exists`, (p) => `đã có tổ chức mang mã ${p.code}`),
  CELL_NEEDS_CATEGORY: entry(
    () => 'a cell needs a category (HAMLET, AGENCY, PUBLIC_SERVICE, …)',
    () => 'chi bộ cần có loại hình (thôn/ấp, cơ quan, đơn vị sự nghiệp, …)',
  ),
  PARENT_DISSOLVED: entry<{ parent: string; date: string }>(
    (p) => `the parent ${p.parent} was dissolved on ${p.date}`,
    (p) => `tổ chức cấp trên ${p.parent} đã giải thể ngày ${viDate(p.date)}`,
  ),
  BAD_PARENT_KIND: entry<{ kind: string; parentKind: string; allowed: string }>(
    (p) => `a ${p.kind} cannot be placed under a ${p.parentKind}; allowed: ${p.allowed}`,
    (p) => `không thể đặt ${viLabel(p.kind)} trực thuộc ${viLabel(p.parentKind)}; được phép: ${p.allowed}`,
  ),
  UNIT_NEEDS_PARENT: entry<{ kind: string; allowed: string }>(
    (p) => `a ${p.kind} needs a parent (${p.allowed})`,
    (p) => `${viLabel(p.kind)} cần có tổ chức cấp trên (${p.allowed})`,
  ),
  ROOT_UNIT_OUTSIDE_SCOPE: entry<{ scope: string }>(
    (p) => `a unit without a parent lies outside your subtree (${p.scope}): only an administrator of the whole country creates one; give a parentId in your subtree`,
    (p) => `tổ chức không có cấp trên nằm ngoài phạm vi của bạn (${viScope(p.scope)}): chỉ quản trị viên toàn quốc mới tạo được; hãy chọn tổ chức cấp trên (parentId) trong phạm vi của bạn`,
  ),
  NOT_BEFORE_FOUNDED: entry(() => 'must not be before the unit was founded (validFrom)', () => 'không được trước ngày thành lập tổ chức (validFrom)'),
  MOVED_ON_NEEDS_PARENT: entry(
    () => 'says when a move takes effect: give parentId too',
    () => 'là ngày việc chuyển trực thuộc có hiệu lực: hãy ghi cả parentId',
  ),
  MOVE_UNDER_ITSELF: entry(
    () => 'a unit cannot be moved under itself or one of its own units',
    () => 'không thể chuyển một tổ chức vào chính nó hoặc tổ chức trực thuộc nó',
  ),
  NOT_BEFORE_LAST_PLACED: entry<{ date: string }>(
    (p) => `must not be before ${p.date}, when the unit was last placed`,
    (p) => `không được trước ngày ${viDate(p.date)}, ngày tổ chức được đặt vào vị trí hiện tại`,
  ),
  UNIT_ALREADY_DISSOLVED: entry<{ unit: string }>((p) => `${p.unit} was already dissolved`, (p) => `${p.unit} đã giải thể`),
  AFTER_MERGED_FOUNDED: entry(() => 'must be after the merged unit was founded', () => 'phải sau ngày thành lập tổ chức bị sáp nhập'),

  // Members.
  MUST_BE_CELL: entry<{ unit: string; kind: string }>(
    (p) => `must be a cell (chi bộ); ${p.unit} is a ${p.kind}`,
    (p) => `phải là chi bộ; ${p.unit} là ${viLabel(p.kind)}`,
  ),
  UNIT_DISSOLVED_ON: entry<{ unit: string; date: string }>(
    (p) => `${p.unit} was dissolved on ${p.date}`,
    (p) => `${p.unit} đã giải thể ngày ${viDate(p.date)}`,
  ),
  MEMBER_MEETS_OUTSIDE: entry<{ member: string }>(
    (p) => `${p.member} now meets in a cell outside your subtree; the committee there records changes`,
    (p) => `${p.member} hiện sinh hoạt ở chi bộ ngoài phạm vi của bạn; cấp ủy nơi đó ghi nhận thay đổi`,
  ),
  MEMBER_NOT_ACTIVE: entry<{ member: string; status: string; since: string }>(
    (p) => `${p.member} is no longer an active member (${p.status}${p.since ? ` since ${p.since}` : ''})`,
    (p) => `${p.member} không còn là đảng viên đang sinh hoạt (${viLabel(p.status)}${p.since ? ` từ ${viDate(p.since)}` : ''})`,
  ),
  CARD_NUMBER_TAKEN: entry<{ card: string; holder: string }>(
    (p) => `party card number ${p.card} already belongs to ${p.holder}`,
    (p) => `số thẻ đảng viên ${p.card} đã thuộc về ${p.holder}`,
  ),
  ALREADY_IN_CELL: entry<{ member: string; cell: string }>(
    (p) => `${p.member} already meets in ${p.cell}`,
    (p) => `${p.member} đã sinh hoạt tại ${p.cell}`,
  ),
  NOT_PROBATIONARY: entry<{ member: string; status: string }>(
    (p) => `${p.member} is ${p.status}, not PROBATIONARY`,
    (p) => `${p.member} là ${viLabel(p.status)}, không phải đảng viên dự bị`,
  ),
  EXEMPTION_OVERLAP: entry<{ period: string; reason: string }>(
    (p) => `overlaps the member's exemption ${p.period} (${p.reason})`,
    (p) => `trùng với thời gian miễn sinh hoạt ${p.period} (${viLabel(p.reason)})`,
  ),
  MEMBER_TOO_YOUNG: entry<{ age: number; on: string; min: number }>(
    (p) => `the member was ${p.age} on ${p.on}; the Party admits from age ${p.min}`,
    (p) => `đảng viên mới ${p.age} tuổi vào ngày ${viDate(p.on)}; Đảng kết nạp từ ${p.min} tuổi`,
  ),
  REQUIRED_FOR_OFFICIAL: entry(() => 'is required for an OFFICIAL member', () => 'là bắt buộc với đảng viên chính thức'),
  NOT_BEFORE_ADMITTED_ON: entry(() => 'must not be before admittedOn', () => 'không được trước ngày vào Đảng (admittedOn)'),
  NOT_BEFORE_EXEMPTION: entry<{ date: string }>(
    (p) => `must not be before the exemption began (${p.date})`,
    (p) => `không được trước ngày bắt đầu miễn sinh hoạt (${viDate(p.date)})`,
  ),
  LEAVE_OUT_OUT_OF_PROVINCE: entry(
    () => 'must be left out when outOfProvince is true',
    () => 'phải để trống khi chuyển ra ngoài tỉnh (outOfProvince)',
  ),
  REQUIRED_UNLESS_OUT_OF_PROVINCE: entry(
    () => 'is required unless outOfProvince is true',
    () => 'là bắt buộc, trừ khi chuyển ra ngoài tỉnh (outOfProvince)',
  ),
  LISTED_TWICE: entry(() => 'names the same member twice', () => 'ghi một đảng viên hai lần'),
  REQUIRED_WITH_TRANSFERRED_IN_FROM: entry(
    () => 'is required with transferredInFrom (how far the member came)',
    () => 'là bắt buộc khi nhập nơi chuyển đến (transferredInFrom)',
  ),
  REQUIRED_WITH_TRANSFER_DISTANCE: entry(
    () => 'is required with transferDistance (where the member came from)',
    () => 'là bắt buộc khi nhập phạm vi chuyển đến (transferDistance)',
  ),
  NOT_RESTORABLE: entry<{ member: string; status: string }>(
    (p) => `${p.member} cannot have membership restored: status ${p.status} (only members removed, expelled or who left the Party can)`,
    (p) => `Không thể phục hồi đảng tịch cho ${p.member} (${viLabel(p.status)}): chỉ phục hồi cho người bị xóa tên, khai trừ hoặc đã ra khỏi Đảng`,
  ),
  NOT_BEFORE_DEPARTURE: entry<{ date: string }>(
    (p) => `must be after the member left (${p.date})`,
    (p) => `phải sau ngày ra khỏi danh sách đảng viên (${viDate(p.date)})`,
  ),
  NOT_BEFORE_ADMITTED: entry(() => 'must not be before the member was admitted', () => 'không được trước ngày vào Đảng'),
  PROBATION_TOO_SHORT: entry<{ months: number; admittedOn: string; earliest: string }>(
    (p) => `must be at least ${p.months} months after admission (${p.admittedOn}), i.e. ${p.earliest} or later`,
    (p) => `phải sau ngày vào Đảng (${viDate(p.admittedOn)}) ít nhất ${p.months} tháng, tức từ ngày ${viDate(p.earliest)}`,
  ),
  LEAVE_OUT_FOR_PROBATIONARY: entry(
    () => 'must be left out for a PROBATIONARY member',
    () => 'phải để trống với đảng viên dự bị',
  ),
  NOT_BEFORE_JOINED_CELL: entry<{ date: string }>(
    (p) => `must not be before the member joined the current cell (${p.date})`,
    (p) => `không được trước ngày đảng viên về chi bộ hiện tại (${viDate(p.date)})`,
  ),

  // Users.
  WHOLE_COUNTRY_CENTRAL_ONLY: entry(
    () => 'only a central administrator may give access to the whole country',
    () => 'chỉ quản trị viên trung ương mới được cấp quyền toàn quốc',
  ),
  USER_EXISTS: entry<{ email: string }>((p) => `a user ${p.email} already exists`, (p) => `người dùng ${p.email} đã tồn tại`),
  NOT_YOURSELF: entry(
    () => 'you cannot deactivate or demote yourself; ask another ADMIN',
    () => 'bạn không thể tự khóa hoặc tự hạ quyền mình; hãy nhờ một quản trị viên khác',
  ),
  KEY_REVOKED: entry(() => 'the key is already revoked', () => 'khóa này đã bị thu hồi'),

  // Admissions.
  CANDIDATE_ALREADY: entry<{ candidate: string; stage: string }>(
    (p) => `${p.candidate} is already ${p.stage}`,
    (p) => `${p.candidate} đã ở giai đoạn "${viLabel(p.stage)}"`,
  ),
  ONLY_OFFICIAL_MAY: entry<{ member: string; status: string }>(
    (p) => `${p.member} is ${p.status}; only an OFFICIAL member may`,
    (p) => `${p.member} là ${viLabel(p.status)}; chỉ đảng viên chính thức mới được`,
  ),
  NOT_BEFORE_STAGE: entry<{ stage: string; date: string }>(
    (p) => `must not be before the candidate reached ${p.stage} (${p.date})`,
    (p) => `không được trước ngày quần chúng đạt giai đoạn "${viLabel(p.stage)}" (${viDate(p.date)})`,
  ),
  ADMIT_WITH_MUTATION: entry(() => 'admit a candidate with candidateAdmit', () => 'kết nạp quần chúng bằng candidateAdmit'),
  DROP_WITH_MUTATION: entry(() => 'drop a candidate with candidateDrop', () => 'dừng xem xét quần chúng bằng candidateDrop'),
  STAGE_ONE_STEP: entry<{ expected: string; stage: string }>(
    (p) => `must be ${p.expected}: stages advance one step at a time from ${p.stage}`,
    (p) => `phải là "${viLabel(p.expected)}": các giai đoạn đi từng bước một, từ "${viLabel(p.stage)}"`,
  ),
  ONLY_DECIDED_ADMITTED: entry<{ candidate: string; stage: string }>(
    (p) => `${p.candidate} is at ${p.stage}; only a DECIDED candidate can be admitted`,
    (p) => `${p.candidate} đang ở giai đoạn "${viLabel(p.stage)}"; chỉ kết nạp quần chúng đã có quyết định kết nạp`,
  ),
  CANDIDATE_TOO_YOUNG: entry<{ age: number; on: string; min: number }>(
    (p) => `the candidate is ${p.age} on ${p.on}; the cell may consider from age ${p.min}`,
    (p) => `quần chúng mới ${p.age} tuổi vào ngày ${viDate(p.on)}; chi bộ chỉ xem xét từ ${p.min} tuổi`,
  ),
  CANDIDATE_TOO_OLD: entry<{ max: number; on: string; turned: string }>(
    (p) => `the candidate is past ${p.max} on ${p.on} (turned ${p.max} on ${p.turned})`,
    (p) => `quần chúng đã quá ${p.max} tuổi vào ngày ${viDate(p.on)} (tròn ${p.max} tuổi ngày ${viDate(p.turned)})`,
  ),
  NO_CERTIFICATE: entry(
    () => 'the candidate has no certificate of the course on the Party (trainedOn)',
    () => 'quần chúng chưa có giấy chứng nhận lớp nhận thức về Đảng (trainedOn)',
  ),
  CERTIFICATE_EXPIRED: entry<{ trainedOn: string; years: number; expires: string }>(
    (p) => `the certificate of ${p.trainedOn} is valid less than ${p.years} years: admit before ${p.expires}`,
    (p) => `giấy chứng nhận ngày ${viDate(p.trainedOn)} chỉ có giá trị ${p.years} năm: phải kết nạp trước ngày ${viDate(p.expires)}`,
  ),

  // Meetings.
  MEETINGS_ARE_CELLS: entry<{ unit: string; kind: string }>(
    (p) => `meetings are a cell's; ${p.unit} is a ${p.kind}`,
    (p) => `sinh hoạt là của chi bộ; ${p.unit} là ${viLabel(p.kind)}`,
  ),
  CELL_NOT_EXISTING_ON: entry<{ unit: string; from: string; until: string; day: string }>(
    (p) => `${p.unit} existed from ${p.from}${p.until ? ` to ${p.until}` : ''}, not on ${p.day}`,
    (p) => `${p.unit} tồn tại từ ${viDate(p.from)}${p.until ? ` đến ${viDate(p.until)}` : ''}, không có vào ngày ${viDate(p.day)}`,
  ),

  MONTH_TAKEN: entry<{ kind: string; month: string; cell: string; heldOn: string }>(
    (p) =>
      `a ${p.kind === 'COMBINED' ? 'combined' : 'regular'} meeting for ${p.month} is already recorded for ${p.cell} ` +
      `(held on ${p.heldOn}); record this one as THEMATIC or EXTRAORDINARY, or correct its month`,
    (p) =>
      `${p.cell} đã có cuộc sinh hoạt ${p.kind === 'COMBINED' ? 'kết hợp' : 'thường kỳ'} của ${p.month} (họp ngày ${viDate(p.heldOn)}); ` +
      'hãy ghi cuộc này là sinh hoạt chuyên đề hoặc bất thường, hoặc sửa lại tháng',
  ),
  MEMBER_LISTED_TWICE: entry(() => 'the member is listed twice', () => 'đảng viên bị ghi hai lần'),
  NOT_MEMBER_OF_CELL_ON: entry<{ member: string; cell: string; day: string }>(
    (p) => `${p.member} was not a member of ${p.cell} on ${p.day}`,
    (p) => `${p.member} không phải là đảng viên của ${p.cell} vào ngày ${viDate(p.day)}`,
  ),
  ENDS_AFTER_START: entry(() => 'must be after startsAt', () => 'phải sau thời điểm bắt đầu (startsAt)'),

  // Thematic plans.
  PLANS_ARE_CELLS: entry<{ unit: string; kind: string }>(
    (p) => `thematic plans are a cell's; ${p.unit} is a ${p.kind}`,
    (p) => `kế hoạch sinh hoạt chuyên đề là của chi bộ; ${p.unit} là ${viLabel(p.kind)}`,
  ),
  PLAN_ALREADY_REGISTERED: entry<{ cell: string; year: number; on: string; status: string }>(
    (p) => `${p.cell} already registered its thematic plan for ${p.year} on ${p.on} (${p.status})`,
    (p) => `${p.cell} đã đăng ký kế hoạch chuyên đề năm ${p.year} ngày ${viDate(p.on)} (${viLabel(p.status)})`,
  ),
  PLAN_NOT_APPROVED: entry<{ year: number; status: string }>(
    (p) => `the plan for ${p.year} is ${p.status}, not APPROVED`,
    (p) => `kế hoạch năm ${p.year} đang ở trạng thái "${viLabel(p.status)}", chưa được phê duyệt`,
  ),

  // Snapshots.
  SNAPSHOT_KEPT: entry<{ id: number; label: string }>(
    (p) => `snapshot ${p.id} ("${p.label}") is kept; stop keeping it first`,
    (p) => `bản chụp ${p.id} ("${p.label}") đang được giữ lại; hãy bỏ giữ trước`,
  ),
  SNAPSHOT_BUILDING: entry<{ id: number }>((p) => `snapshot ${p.id} is being built`, (p) => `bản chụp ${p.id} đang được tạo`),
  SNAPSHOT_NOT_READY: entry<{ id: number; status: string }>(
    (p) => `snapshot ${p.id} is ${p.status}; only a READY one can be exported`,
    (p) => `bản chụp ${p.id} đang ở trạng thái "${viLabel(p.status)}"; chỉ xuất được bản chụp sẵn sàng`,
  ),

  // Supervision.
  GROUP_BY_COMMITTEE: entry<{ unit: string }>(
    (p) => `${p.unit} is a cell; working groups are formed by a committee above cells`,
    (p) => `${p.unit} là chi bộ; tổ công tác do cấp ủy cấp trên chi bộ thành lập`,
  ),
  UNIT_NOT_ON: entry<{ unit: string; day: string }>((p) => `${p.unit} did not exist on ${p.day}`, (p) => `${p.unit} chưa hoặc không còn tồn tại vào ngày ${viDate(p.day)}`),
  MEMBER_ALREADY_LISTED: entry(() => 'names a member already listed in this group', () => 'ghi một thành viên đã có trong tổ'),
  CELL_ALREADY_LISTED: entry(() => 'names a cell already listed', () => 'ghi một chi bộ đã có trong danh sách'),
  NOT_A_CELL: entry<{ unit: string }>((p) => `${p.unit} is not a cell`, (p) => `${p.unit} không phải là chi bộ`),
  CELL_NOT_UNDER_FORMER: entry<{ cell: string; committee: string }>(
    (p) => `${p.cell} is not under ${p.committee}, which formed the group`,
    (p) => `${p.cell} không trực thuộc ${p.committee}, cấp đã thành lập tổ`,
  ),
  CELL_ALREADY_ASSIGNED: entry<{ cell: string; group: string; since: string }>(
    (p) => `${p.cell} is already assigned to ${p.group} since ${p.since}`,
    (p) => `${p.cell} đã được phân công cho ${p.group} từ ngày ${viDate(p.since)}`,
  ),
  CELL_NOT_ASSIGNED: entry<{ cell: string; group: string }>(
    (p) => `${p.cell} is not assigned to ${p.group}`,
    (p) => `${p.cell} không được phân công cho ${p.group}`,
  ),
  GROUP_OR_COMMITTEE: entry(
    () => 'give either workingGroupId or visitorUnitId, not both',
    () => 'chỉ ghi một trong hai: tổ công tác (workingGroupId) hoặc cấp ủy dự (visitorUnitId)',
  ),
  VISITOR_NAME_REQUIRED: entry(
    () => 'is required with visitorUnitId: the committee member who attended',
    () => 'là bắt buộc khi có cấp ủy dự (visitorUnitId): người trong cấp ủy đã dự',
  ),
  VISITOR_ALREADY_RECORDED: entry<{ visitor: string }>(
    (p) => `${p.visitor} is already recorded at this meeting`,
    (p) => `${p.visitor} đã được ghi là dự cuộc sinh hoạt này`,
  ),

  // Ratings.
  LEVEL_NOT_OF_ERA: entry<{ level: string; subject: string; year: number; from: number; allowed: string }>(
    (p) =>
      `${p.level} does not rate a ${p.subject === 'unit' ? 'party organisation' : 'member'} ${p.year >= p.from ? 'from' : 'before'} ${p.from}; ` +
      `allowed for ${p.year}: ${p.allowed}`,
    (p) =>
      `mức "${viLabel(p.level)}" không dùng để xếp loại ${p.subject === 'unit' ? 'tổ chức đảng' : 'đảng viên'} ${Number(p.year) >= Number(p.from) ? 'từ' : 'trước'} năm ${p.from}; ` +
      `năm ${p.year} dùng các mức: ${String(p.allowed).split(', ').map(viLabel).join(', ')}`,
  ),
  QUARTER_INDEX: entry(() => 'must be the quarter, 1 to 4, for a QUARTER rating', () => 'phải là số quý, từ 1 đến 4, khi xếp loại theo quý'),
  NO_PERIOD_INDEX: entry<{ period: string }>(
    (p) => `must be 0 or omitted for a ${p.period} rating`,
    (p) => `phải là 0 hoặc để trống khi xếp loại theo ${viLabel(p.period).toLowerCase()}`,
  ),
  NOT_RATED_NEEDS_REASON: entry(
    () => 'is required when the level is NOT_RATED (exempt, new, transferred, …)',
    () => 'là bắt buộc khi không xếp loại (miễn, mới vào Đảng, chuyển đến, …)',
  ),
  REASON_ONLY_NOT_RATED: entry(() => 'is given only when the level is NOT_RATED', () => 'chỉ ghi khi không xếp loại'),
  NOT_BEFORE_PERIOD: entry(() => 'must not be before the rated period begins', () => 'không được trước ngày bắt đầu kỳ xếp loại'),
  NOT_COMMITTEE_ABOVE: entry<{ committee: string; unit: string }>(
    (p) => `${p.committee} is not a committee above ${p.unit}`,
    (p) => `${p.committee} không phải là cấp ủy cấp trên của ${p.unit}`,
  ),
  ALREADY_RATED: entry<{ subject: string; level: string; period: string; mutation: string }>(
    (p) => `${p.subject} is already rated ${p.level} for ${p.period}; correct that rating with ${p.mutation}`,
    (p) => `${p.subject} đã được xếp loại "${viLabel(p.level)}" cho ${p.period}; hãy sửa kết quả đó bằng ${p.mutation}`,
  ),

  // Analytics.
  NO_READY_SNAPSHOT: entry(
    () => 'there is no READY snapshot yet; build one with snapshotCreate or npm run snapshot',
    () => 'chưa có bản chụp dữ liệu nào sẵn sàng; hãy tạo bằng snapshotCreate hoặc npm run snapshot',
  ),
  COMPARE_UNIT_COUNT: entry<{ max: number }>((p) => `choose from 1 to ${p.max} units`, (p) => `hãy chọn từ 1 đến ${p.max} tổ chức`),
  NO_PERIOD_TO_COMPARE: entry<{ measure: string; period: string }>(
    (p) => `${p.measure} has no ${p.period} to compare`,
    (p) => `${p.measure} không có số liệu theo ${p.period === 'year' ? 'năm' : 'quý'} để so sánh`,
  ),

  // A message written where it arose, not yet in this table (English in both languages).
  OTHER: entry<{ text: string }>(
    (p) => p.text,
    (p) => p.text,
  ),
};

export type MessageCode = keyof typeof catalogue;
type ParamsOf<C extends MessageCode> = (typeof catalogue)[C] extends Entry<infer P> ? P : never;

/** A message to show: its code and what fills it, rendered in the reader's language. */
export interface Message {
  readonly code: MessageCode;
  readonly params: Params;
}

export function message<C extends MessageCode>(
  code: C,
  ...params: Record<never, never> extends ParamsOf<C> ? [] : [ParamsOf<C>]
): Message {
  return { code, params: (params[0] ?? {}) as Params };
}

/** Text as a message: a code from the table when `value` is one, else shown as written. */
export function asMessage(value: Message | string): Message {
  if (typeof value !== 'string') return value;
  return value in catalogue ? { code: value as MessageCode, params: {} } : { code: 'OTHER', params: { text: value } };
}

export function render(value: Message, language: Language): string {
  const found = catalogue[value.code] as Entry<Params>;
  return found[language](value.params);
}

export function isMessageCode(value: string): value is MessageCode {
  return Object.hasOwn(catalogue, value);
}

export { viDate };
