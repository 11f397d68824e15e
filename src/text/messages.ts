// Every message the API shows a person, in English and Vietnamese, under a stable code a client
// may branch on. A typed table of functions rather than ICU strings: the compiler checks each
// message's parameters at every use, and neither language needs plural rules the table cannot
// say plainly (Vietnamese nouns do not inflect; English plurals are written out where needed).
import { fieldLabel } from './field-labels.js';
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

/** Unit kinds listed "A, B" (or "no parent"), as Vietnamese lists them: "A; B". */
function viKinds(kinds: string | number): string {
  return String(kinds)
    .split(', ')
    .map((kind) => (kind === 'no parent' ? 'không có cấp trên' : viLabel(kind)))
    .join('; ');
}

/** A rating level by its Vietnamese label (GOOD is "Hoàn thành tốt nhiệm vụ", not a meeting's "Tốt"). */
function viRating(level: string | number): string {
  return (labels.RatingLevel as Record<string, string>)[String(level)] ?? viLabel(level);
}

/** A viewer's scope: a unit's name, or the whole country. */
function viScope(scope: string | number): string {
  return scope === 'the whole country' ? 'toàn quốc' : String(scope);
}

/** A month written "2024-05" as Vietnamese writes it, "05/2024". */
function viMonth(month: string | number): string {
  const match = /^(\d{4})-(\d{2})$/.exec(String(month));
  return match ? `${match[2]}/${match[1]}` : String(month);
}

/** A rated period: a year, a quarter of a year, or the term ending in a year. */
interface PeriodParams extends Params {
  period: string;
  year: number;
  periodIndex: number;
}
const periodEn = (p: PeriodParams) => (p.period === 'QUARTER' ? `quarter ${p.periodIndex} of ${p.year}` : p.period === 'TERM' ? `the term ending ${p.year}` : `${p.year}`);
const periodVi = (p: PeriodParams) => (p.period === 'QUARTER' ? `quý ${p.periodIndex} năm ${p.year}` : p.period === 'TERM' ? `nhiệm kỳ kết thúc năm ${p.year}` : `năm ${p.year}`);

/**
 * A meeting's attendance and the band it fell in. `minPercent` and `maxUnexcused` are '' when
 * the band sets no such bound; `band` is 0 when no band's conditions hold.
 */
interface AttendanceParams extends Params {
  present: number;
  expected: number;
  percent: string;
  unexcused: number;
  band: number;
  minPercent: number | string;
  inclusive: number;
  maxUnexcused: number | string;
}
const plural = (count: number | string, noun: string) => `${count} ${noun}${Number(count) === 1 ? '' : 's'}`;
const attendanceEn = (p: AttendanceParams) =>
  `${p.present} of ${p.expected} expected present (${p.percent}) and ${p.unexcused === 0 ? 'no unexcused absence' : plural(p.unexcused, 'unexcused absence')}`;
const attendanceVi = (p: AttendanceParams) =>
  `có mặt ${p.present}/${p.expected} đảng viên phải dự (${p.percent}) và ${p.unexcused === 0 ? 'không ai vắng không lý do' : `${p.unexcused} lượt vắng không lý do`}`;
function bandEn(p: AttendanceParams): string {
  if (p.band === 0) return 'no band’s conditions hold';
  const share = p.minPercent === '' ? null : `${p.inclusive ? 'at least' : 'over'} ${p.minPercent}% present`;
  const unexcused = p.maxUnexcused === '' ? null : Number(p.maxUnexcused) === 0 ? 'no unexcused absence' : `at most ${plural(p.maxUnexcused, 'unexcused absence')}`;
  return [share, unexcused].filter(Boolean).join(', ') || 'any record';
}
function bandVi(p: AttendanceParams): string {
  if (p.band === 0) return 'không thuộc mức nào';
  const share = p.minPercent === '' ? null : `có mặt ${p.inclusive ? 'từ' : 'trên'} ${p.minPercent}%${p.inclusive ? ' trở lên' : ''}`;
  const unexcused = p.maxUnexcused === '' ? null : Number(p.maxUnexcused) === 0 ? 'không ai vắng không lý do' : `vắng không lý do tối đa ${p.maxUnexcused} lượt`;
  return [share, unexcused].filter(Boolean).join(', ') || 'mọi trường hợp';
}

/** How to save a spreadsheet so that an import can read it. */
const SAVE_AS = {
  en: 'in Excel choose Save As "CSV UTF-8 (Comma delimited)" or "Unicode Text", or upload an .xlsx file',
  vi: 'trong Excel hãy chọn Lưu thành (Save As) «CSV UTF-8 (Comma delimited)» hoặc «Unicode Text», hoặc tải lên tệp .xlsx',
};

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
  report: 'báo cáo',
};

/** What a date must not come before, as NOT_BEFORE names it in Vietnamese. */
const beforeWhat: Record<string, string> = {
  admittedOn: 'ngày vào Đảng',
  'the assignment began': 'ngày bắt đầu phân công',
  'the group was formed': 'ngày thành lập tổ',
  'the plan was registered': 'ngày đăng ký kế hoạch',
};

/** A role refusal (NEEDS_ROLE), said in each language. */
interface RoleParams extends Params {
  mutation: string;
  roles: string;
  role: string;
}
const needsRoleEn = (p: RoleParams) => `${p.mutation} needs the role ${p.roles}; this request’s role is ${p.role}`;
const needsRoleVi = (p: RoleParams) =>
  `${p.mutation} cần vai trò ${p.roles.split(' or ').map(viLabel).join(' hoặc ')}; vai trò của yêu cầu này là ${viLabel(p.role)}`;

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
  NEEDS_ROLE: entry<RoleParams>(needsRoleEn, needsRoleVi),
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
    (p) => `không thể đặt ${viLabel(p.kind)} trực thuộc ${viLabel(p.parentKind)}; cấp trên được phép: ${viKinds(p.allowed)}`,
  ),
  UNIT_NEEDS_PARENT: entry<{ kind: string; allowed: string }>(
    (p) => `a ${p.kind} needs a parent (${p.allowed})`,
    (p) => `${viLabel(p.kind)} cần có tổ chức cấp trên (${viKinds(p.allowed)})`,
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
      `mức "${viRating(p.level)}" không dùng để xếp loại ${p.subject === 'unit' ? 'tổ chức đảng' : 'đảng viên'} ${Number(p.year) >= Number(p.from) ? 'từ' : 'trước'} năm ${p.from}; ` +
      `năm ${p.year} dùng các mức: ${String(p.allowed).split(', ').map(viRating).join('; ')}`,
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
  ALREADY_RATED: entry<PeriodParams & { subject: string; level: string; mutation: string }>(
    (p) => `${p.subject} is already rated ${p.level} for ${periodEn(p)}; correct that rating with ${p.mutation}`,
    (p) => `${p.subject} đã được xếp loại "${viRating(p.level)}" cho ${periodVi(p)}; hãy sửa kết quả đó bằng ${p.mutation}`,
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

  // Rules that name another field of the same input.
  NOT_BEFORE_FIELD: entry<{ field: string }>((p) => `must not be before ${p.field}`, (p) => `không được trước «${fieldLabel(String(p.field))}»`),
  OTHER_THAN_FIELD: entry<{ field: string }>((p) => `must be another unit than ${p.field}`, (p) => `phải khác «${fieldLabel(String(p.field))}»`),
  NAMED_TWICE: entry<{ what: string }>((p) => `names a ${p.what} twice`, (p) => `ghi một ${p.what === 'measure' ? 'chỉ tiêu' : 'chiều phân tích'} hai lần`),
  APPEARS_TWICE: entry<{ value: string }>((p) => `${p.value} appears twice`, (p) => `${viLabel(p.value)} được ghi hai lần`),
  YEAR_SPAN: entry<{ from: string; max: number }>(
    (p) => `must be ${p.from} or later, and cover at most ${p.max} years`,
    (p) => `không được trước «${fieldLabel(String(p.from))}» và không quá ${p.max} năm`,
  ),
  ISO_DATE: entry(() => 'must be a date, YYYY-MM-DD', () => 'phải là ngày theo dạng YYYY-MM-DD'),

  // Working groups.
  GROUP_NEEDS_MEMBER: entry(() => 'a working group needs at least one member', () => 'tổ công tác phải có ít nhất một thành viên'),
  GROUP_FORMED_BY: entry<{ group: string; committee: string }>(
    (p) => `${p.group} was formed by ${p.committee}; only that committee changes it`,
    (p) => `${p.group} do ${p.committee} thành lập; chỉ cấp đó được thay đổi tổ`,
  ),
  GROUP_NOT_ACTING_ON: entry<{ group: string; day: string; formed: string; dissolved: string }>(
    (p) => `${p.group} does not act on ${p.day} (formed ${p.formed}${p.dissolved ? `, dissolved ${p.dissolved}` : ''})`,
    (p) => `${p.group} không hoạt động vào ngày ${viDate(p.day)} (thành lập ngày ${viDate(p.formed)}${p.dissolved ? `, giải thể ngày ${viDate(p.dissolved)}` : ''})`,
  ),
  ASSIGNMENT_ENDED: entry<{ cell: string; group: string; until: string }>(
    (p) => `${p.cell} was assigned to ${p.group} until ${p.until}; assign it again from then on`,
    (p) => `${p.cell} được phân công cho ${p.group} đến ngày ${viDate(p.until)}; hãy phân công lại từ ngày đó trở đi`,
  ),
  GROUP_VISITED_AFTER: entry<{ group: string; cell: string; day: string }>(
    (p) => `${p.group} visited ${p.cell} on ${p.day}, after this date`,
    (p) => `${p.group} đã dự sinh hoạt của ${p.cell} ngày ${viDate(p.day)}, sau ngày này`,
  ),
  CELL_ASSIGNED_AFTER: entry<{ day: string }>(
    (p) => `a cell is assigned to the group from ${p.day}, after this date`,
    (p) => `tổ được phân công một chi bộ từ ngày ${viDate(p.day)}, sau ngày này`,
  ),
  GROUP_VISITED_FROM: entry<{ day: string }>(
    (p) => `the group visited a meeting on ${p.day}, on or after this date`,
    (p) => `tổ đã dự một cuộc sinh hoạt ngày ${viDate(p.day)}, không trước ngày này`,
  ),
  GROUP_NOT_ASSIGNED_ON: entry<{ group: string; cell: string; day: string }>(
    (p) => `${p.group} was not assigned to ${p.cell} on ${p.day}`,
    (p) => `${p.group} không được phân công cho ${p.cell} vào ngày ${viDate(p.day)}`,
  ),

  // Criteria sets and the scoring of meetings.
  OVER_OR_AT_LEAST: entry(
    () => 'give presentOverPercent or presentAtLeastPercent, not both',
    () => `chỉ ghi một trong hai: «${fieldLabel('presentOverPercent')}» hoặc «${fieldLabel('presentAtLeastPercent')}»`,
  ),
  SET_NEEDS_CRITERION: entry(() => 'a set needs at least one criterion', () => 'bộ tiêu chí phải có ít nhất một tiêu chí'),
  MAX_POINTS_SUM: entry<{ sum: number }>(
    (p) => `the maxPoints add up to ${p.sum}; they must add up to 100`,
    (p) => `tổng «${fieldLabel('maxPoints')}» là ${p.sum}; phải bằng 100`,
  ),
  BANDS_ONLY_ATTENDANCE: entry(
    () => 'are only for a criterion computed from ATTENDANCE',
    () => 'chỉ dành cho tiêu chí tính theo tỷ lệ dự họp',
  ),
  ATTENDANCE_NEEDS_BAND: entry(
    () => 'a criterion computed from ATTENDANCE needs at least one band',
    () => 'tiêu chí tính theo tỷ lệ dự họp phải có ít nhất một mức',
  ),
  BAND_ABOVE_MAX: entry<{ max: number }>(
    (p) => `must be at most the criterion's maxPoints (${p.max})`,
    (p) => `không được lớn hơn «${fieldLabel('maxPoints')}» của tiêu chí (${p.max})`,
  ),
  NO_FULL_BAND: entry<{ max: number }>(
    (p) => `no band gives the full ${p.max} points, so no meeting could score full marks`,
    (p) => `không mức nào cho đủ ${p.max} điểm, nên không cuộc sinh hoạt nào đạt điểm tối đa`,
  ),
  LEVEL_BANDS_MISSING: entry<{ missing: string }>(
    (p) => `needs a band for every level; missing ${p.missing}`,
    (p) => `phải có một mức cho mỗi loại; còn thiếu: ${String(p.missing).split(', ').map(viLabel).join(', ')}`,
  ),
  POOR_FROM_ZERO: entry(
    () => 'POOR must start at 0 so that every total has a level',
    () => `mức "${viLabel('POOR')}" phải bắt đầu từ 0 để tổng điểm nào cũng có mức`,
  ),
  LEVEL_ABOVE: entry<{ higher: string; lower: string }>(
    (p) => `${p.higher} must start above ${p.lower} (GOOD > FAIR > AVERAGE > POOR = 0)`,
    (p) => `mức "${viLabel(p.higher)}" phải bắt đầu cao hơn mức "${viLabel(p.lower)}"`,
  ),
  ISSUED_BY_PROVINCE: entry<{ unit: string; kind: string }>(
    (p) => `criteria sets are issued by a province committee; ${p.unit} is a ${p.kind}`,
    (p) => `bộ tiêu chí do tỉnh ủy ban hành; ${p.unit} là ${viLabel(p.kind)}`,
  ),
  CRITERIA_SET_CODE_TAKEN: entry<{ code: string }>((p) => `a criteria set with code ${p.code} already exists`, (p) => `đã có bộ tiêu chí mang mã ${p.code}`),
  CRITERIA_SET_OVERLAP: entry<{ unit: string; code: string; from: string; to: string }>(
    (p) => `${p.unit} already has the set ${p.code} valid from ${p.from}${p.to ? ` to ${p.to}` : ''}; close it (validTo) before issuing another for the same dates`,
    (p) =>
      `${p.unit} đã có bộ tiêu chí ${p.code} áp dụng từ ngày ${viDate(p.from)}${p.to ? ` đến ngày ${viDate(p.to)}` : ''}; ` +
      `hãy ghi «${fieldLabel('validTo')}» cho bộ đó trước khi ban hành bộ khác cho cùng thời gian`,
  ),
  SET_NOT_VALID_ON: entry<{ code: string; from: string; to: string; day: string }>(
    (p) => `the set ${p.code} is valid from ${p.from}${p.to ? ` to ${p.to}` : ''}, not on ${p.day}`,
    (p) => `bộ tiêu chí ${p.code} áp dụng từ ngày ${viDate(p.from)}${p.to ? ` đến ngày ${viDate(p.to)}` : ''}, không áp dụng ngày ${viDate(p.day)}`,
  ),
  SET_OF_OTHER_PROVINCE: entry<{ code: string }>((p) => `the set ${p.code} was issued by another province`, (p) => `bộ tiêu chí ${p.code} do tỉnh khác ban hành`),
  NOT_BEFORE_MEETING_HELD: entry<{ date: string }>(
    (p) => `must not be before the meeting was held (${p.date})`,
    (p) => `không được trước ngày họp (${viDate(p.date)})`,
  ),
  ASSESSMENT_TAKEN: entry<{ assessor: string; scoredOn: string }>(
    (p) => `the meeting already has an assessment by ${p.assessor === 'CELL' ? 'the cell' : p.assessor === 'WORKING_GROUP' ? 'the working group' : 'the committee above'} (${p.assessor}, scored on ${p.scoredOn})`,
    (p) => `cuộc sinh hoạt đã có đánh giá của ${viLabel(p.assessor).toLowerCase()} (chấm ngày ${viDate(p.scoredOn)})`,
  ),
  ONLY_FOR_WORKING_GROUP: entry(() => 'is only for an assessment by a WORKING_GROUP', () => 'chỉ ghi khi tổ công tác đánh giá'),
  REQUIRED_FOR_WORKING_GROUP: entry(() => 'is required for an assessment by a WORKING_GROUP', () => 'là bắt buộc khi tổ công tác đánh giá'),
  CELL_ASSESSES_ITSELF: entry<{ cell: string }>(
    (p) => `a CELL assessment is made by the cell itself (${p.cell})`,
    (p) => `chi bộ tự đánh giá thì cấp đánh giá là chính chi bộ (${p.cell})`,
  ),
  COMMITTEE_ABOVE: entry<{ cell: string }>((p) => `must be a committee above ${p.cell}`, (p) => `phải là cấp ủy cấp trên của ${p.cell}`),
  NOT_A_CRITERION: entry<{ criterion: string; set: string; codes: string }>(
    (p) => `${p.criterion} is not a criterion of ${p.set} (${p.codes})`,
    (p) => `${p.criterion} không phải là tiêu chí của bộ ${p.set} (${p.codes})`,
  ),
  SCORED_TWICE: entry<{ criterion: string }>((p) => `${p.criterion} is scored twice`, (p) => `tiêu chí ${p.criterion} được chấm hai lần`),
  CRITERION_MAX_POINTS: entry<{ criterion: string; max: number }>(
    (p) => `${p.criterion} allows at most ${p.max} points`,
    (p) => `tiêu chí ${p.criterion} tối đa ${p.max} điểm`,
  ),
  NO_POINTS_FOR: entry<{ criteria: string }>((p) => `no points given for ${p.criteria}`, (p) => `chưa cho điểm tiêu chí ${p.criteria}`),
  POINTS_CONTRADICT_RECORD: entry<AttendanceParams & { criterion: string; points: number; earned: number; set: string }>(
    (p) =>
      `${p.criterion}: ${p.points} points contradict the record: ${attendanceEn(p)} give ${p.earned} points under ${p.set} (${bandEn(p)}); ` +
      'leave the points out to have them computed',
    (p) =>
      `${p.points} điểm tiêu chí ${p.criterion} trái với sổ sinh hoạt: ${attendanceVi(p)} thì được ${p.earned} điểm theo ${p.set} (${bandVi(p)}); ` +
      'để trống ô này để điểm được tính tự động',
  ),

  // Thematic plans.
  TOPIC_A_QUARTER: entry(() => 'register at least one topic a quarter', () => 'đăng ký ít nhất một chủ đề mỗi quý'),
  QUARTERS_WITHOUT_TOPIC: entry<{ quarters: string }>(
    (p) => `no topic for quarter ${p.quarters}: a thematic meeting is due at least once a quarter`,
    (p) => `quý ${p.quarters} chưa có chủ đề: mỗi quý phải sinh hoạt chuyên đề ít nhất một lần`,
  ),
  PLAN_ALREADY_DECIDED: entry<{ status: string; on: string }>(
    (p) => `the plan was already ${String(p.status).toLowerCase()} on ${p.on}`,
    (p) => `kế hoạch đã ở trạng thái "${viLabel(p.status)}" từ ngày ${viDate(p.on)}`,
  ),
  ONLY_THEMATIC_FULFILS: entry<{ kind: string }>(
    (p) => `only a THEMATIC or COMBINED meeting fulfils a thematic plan item, not a ${p.kind} one`,
    (p) => `chỉ cuộc sinh hoạt chuyên đề hoặc kết hợp mới thực hiện mục kế hoạch chuyên đề, không phải cuộc "${viLabel(p.kind)}"`,
  ),
  ITEM_OF_OTHER_PLAN: entry<{ cell: string; year: number }>(
    (p) => `the item belongs to another cell's or another year's plan, not ${p.cell}'s plan for ${p.year}`,
    (p) => `mục này thuộc kế hoạch của chi bộ khác hoặc năm khác, không thuộc kế hoạch năm ${p.year} của ${p.cell}`,
  ),
  ITEM_ALREADY_FULFILLED: entry<{ topic: string; day: string }>(
    (p) => `the item "${p.topic}" was already fulfilled by the meeting held on ${p.day}`,
    (p) => `mục "${p.topic}" đã được thực hiện bằng cuộc sinh hoạt ngày ${viDate(p.day)}`,
  ),

  // Meetings (more).
  HELD_ON_START_DAY: entry<{ day: string }>(
    (p) => `must be the day the meeting starts in Vietnam time (UTC+7): startsAt falls on ${p.day}`,
    (p) => `phải là ngày bắt đầu cuộc họp theo giờ Việt Nam (UTC+7): «${fieldLabel('startsAt')}» rơi vào ngày ${viDate(p.day)}`,
  ),
  MONTH_NOT_COUNTED: entry<{ heldOn: string; heldMonth: string; previousMonth: string; month: string }>(
    (p) => `a meeting held on ${p.heldOn} counts for ${p.heldMonth} or, held late, for ${p.previousMonth}; not for ${p.month}`,
    (p) => `cuộc họp ngày ${viDate(p.heldOn)} tính cho tháng ${viMonth(p.heldMonth)} hoặc, nếu họp muộn, cho tháng ${viMonth(p.previousMonth)}; không tính cho tháng ${viMonth(p.month)}`,
  ),
  NOT_EXPECTED_STATUS: entry<{ member: string; day: string; status: string; since: string }>(
    (p) => `${p.member} was not expected on ${p.day}: the member's status is ${p.status}${p.since ? ` since ${p.since}` : ''}`,
    (p) => `${p.member} không phải dự họp ngày ${viDate(p.day)}: đảng viên ở trạng thái "${viLabel(p.status)}"${p.since ? ` từ ngày ${viDate(p.since)}` : ''}`,
  ),
  NOT_EXPECTED_EXEMPT: entry<{ member: string; day: string; reason: string; from: string; to: string }>(
    (p) => `${p.member} was not expected on ${p.day}: the member is exempt from meetings (${p.reason}) from ${p.from}${p.to ? ` to ${p.to}` : ' (open-ended)'}`,
    (p) =>
      `${p.member} không phải dự họp ngày ${viDate(p.day)}: đảng viên được miễn sinh hoạt (${viLabel(p.reason)}) từ ngày ${viDate(p.from)}` +
      `${p.to ? ` đến ngày ${viDate(p.to)}` : ' (chưa có ngày kết thúc)'}`,
  ),

  // Ratings and recognitions (more).
  CAP_PERCENT: entry(() => 'must be a whole percentage, more than 0 and at most 100', () => 'phải là số phần trăm nguyên, lớn hơn 0 và không quá 100'),
  RATING_DECIDED_ABOVE: entry<PeriodParams & { unit: string }>(
    (p) => `the rating of ${p.unit} for ${periodEn(p)} was decided by a committee above your subtree; only it corrects the rating`,
    (p) => `kết quả xếp loại ${p.unit} ${periodVi(p)} do cấp ủy trên phạm vi của bạn quyết định; chỉ cấp đó được sửa`,
  ),
  NOT_IN_ANY_CELL: entry<PeriodParams & { member: string }>(
    (p) => `${p.member} was not in any cell during ${periodEn(p)}`,
    (p) => `${p.member} không sinh hoạt ở chi bộ nào trong ${periodVi(p)}`,
  ),
  PROGRAMME_NEEDS_EXCELLENT: entry<{ programme: string; unit: string; years: string; missing: string }>(
    (p) => {
      const years = String(p.years).split(', ');
      const span = years.length === 1 ? years[0] : `each of ${years[0]}–${years[years.length - 1]}`;
      const detail = String(p.missing).split(', ').map((pair) => pair.replace(/^(\d+):(.*)$/, (_all, year: string, level: string) => `${year} (${level || 'no yearly rating'})`));
      return `${p.programme} needs ${p.unit} rated EXCELLENT in ${span}; not so in ${detail.join(', ')}`;
    },
    (p) => {
      const years = String(p.years).split(', ');
      const span = years.length === 1 ? `năm ${years[0]}` : `mỗi năm từ ${years[0]} đến ${years[years.length - 1]}`;
      const detail = String(p.missing).split(', ').map((pair) => pair.replace(/^(\d+):(.*)$/, (_all, year: string, level: string) => `${year} (${level ? viRating(level) : 'chưa xếp loại năm'})`));
      return `"${viLabel(p.programme)}" cần ${p.unit} được xếp loại "${viRating('EXCELLENT')}" ${span}; chưa đạt: ${detail.join(', ')}`;
    },
  ),
  RECOGNITION_TAKEN: entry<{ unit: string; programme: string; year: number }>(
    (p) => `${p.unit} already has a ${p.programme} recognition for ${p.year}`,
    (p) => `${p.unit} đã được công nhận "${viLabel(p.programme)}" năm ${p.year}`,
  ),

  // Snapshots and reports (more).
  SNAPSHOT_BUILD_RUNNING: entry<{ id: number; label: string; phase: string }>(
    (p) => `snapshot ${p.id} ("${p.label}") is being built (${p.phase || 'starting'}); one build runs at a time`,
    (p) => `bản chụp ${p.id} ("${p.label}") đang được tạo (${p.phase || 'đang bắt đầu'}); mỗi lần chỉ tạo một bản chụp`,
  ),
  REPORT_KEPT: entry<{ id: number }>((p) => `report ${p.id} is kept; stop keeping it first`, (p) => `báo cáo ${p.id} đang được giữ lại; hãy bỏ giữ trước`),
  REPORT_RUNNING: entry<{ id: number }>((p) => `report ${p.id} is being made`, (p) => `báo cáo ${p.id} đang được lập`),
  REPORT_FORMATS: entry<{ unknown: string; allowed: string }>(
    (p) => `${p.unknown ? `unknown format ${p.unknown}` : 'name at least one format'}; choose from ${p.allowed}`,
    (p) => `${p.unknown ? `không có định dạng ${p.unknown}` : 'hãy chọn ít nhất một định dạng'}; chọn trong: ${p.allowed}`,
  ),

  // Analytics (more).
  ASK_ONE_MEASURE: entry(() => 'ask for at least one measure', () => 'hãy chọn ít nhất một chỉ tiêu'),
  ASK_FEWER_MEASURES: entry<{ max: number }>((p) => `ask for at most ${p.max} measures at once`, (p) => `chỉ chọn tối đa ${p.max} chỉ tiêu một lần`),
  UNIT_LEVEL_NEEDS_UNIT: entry(
    () => 'groups the UNIT dimension: add UNIT to dimensions',
    () => `chỉ dùng khi phân tích theo tổ chức: hãy thêm UNIT vào «${fieldLabel('dimensions')}»`,
  ),
  NOT_BY_DIMENSION: entry<{ measure: string; dimension: string; supported: string }>(
    (p) => `${p.measure} cannot be broken down by ${p.dimension} (it can by ${p.supported})`,
    (p) => `chỉ tiêu ${p.measure} không phân tích được theo ${p.dimension} (được theo: ${p.supported})`,
  ),
  MEETING_MEASURES_ONLY: entry<{ measure: string }>(
    (p) => `filters meeting measures only; ${p.measure} is not one`,
    (p) => `chỉ lọc các chỉ tiêu về sinh hoạt; ${p.measure} không phải chỉ tiêu đó`,
  ),

  // Imports (files as a whole, and a row's cell or member).
  FILE_TOO_BIG: entry<{ mb: number; max: number }>((p) => `is ${p.mb} MB; at most ${p.max} MB a file`, (p) => `nặng ${p.mb} MB; tối đa ${p.max} MB một tệp`),
  FILE_NO_HEADINGS: entry(() => 'is empty: the first row must name the columns', () => 'trống: dòng đầu tiên phải là tên các cột'),
  FILE_NO_ROWS: entry(() => 'has the headings but no row of data', () => 'có dòng tên cột nhưng không có dòng dữ liệu nào'),
  FILE_TOO_MANY_ROWS: entry<{ rows: number; max: number }>(
    (p) => `has ${p.rows} rows of data; at most ${p.max} a file`,
    (p) => `có ${p.rows} dòng dữ liệu; tối đa ${p.max} dòng một tệp`,
  ),
  FILE_OLD_EXCEL: entry(
    () => 'is an old Excel file (.xls) or an archive that cannot be read; save it as .xlsx',
    () => 'là tệp Excel cũ (.xls) hoặc tệp nén không đọc được; hãy lưu thành .xlsx',
  ),
  FILE_ENCODING: entry<{ encoding: string }>(
    (p) => `${p.encoding ? `cannot be read as ${p.encoding}` : 'is neither UTF-8 nor UTF-16 (perhaps Windows-1258 or TCVN3)'}; ${SAVE_AS.en}`,
    (p) => `${p.encoding ? `không đọc được theo bảng mã ${p.encoding}` : 'không phải bảng mã UTF-8 hay UTF-16 (có thể là Windows-1258 hoặc TCVN3)'}; ${SAVE_AS.vi}`,
  ),
  FILE_NUL: entry(() => `holds NUL characters: it is not CSV text; ${SAVE_AS.en}`, () => `có ký tự NUL, không phải văn bản CSV; ${SAVE_AS.vi}`),
  FILE_BAD_CSV: entry<{ reason: string }>((p) => `is not a readable CSV file: ${p.reason}`, (p) => `không phải tệp CSV đọc được: ${p.reason}`),
  FILE_BAD_XLSX: entry<{ reason: string }>((p) => `is not a readable .xlsx file: ${p.reason}`, (p) => `không phải tệp .xlsx đọc được: ${p.reason}`),
  FILE_NO_SHEET: entry(() => 'has no sheet that holds data', () => 'không có trang tính nào chứa dữ liệu'),
  COLUMN_MISSING: entry<{ column: string }>((p) => `lacks the column "${p.column}"`, (p) => `thiếu cột «${p.column}»`),
  COLUMN_UNKNOWN: entry<{ column: string; columns: string }>(
    (p) => `has a column "${p.column}" that is not the template's; the columns are: ${p.columns}`,
    (p) => `có cột «${p.column}» không thuộc mẫu; các cột là: ${p.columns}`,
  ),
  CELL_CODE_REQUIRED: entry<{ unit: string }>(
    (p) => `must not be empty: the file is for ${p.unit}, so each row gives its cell's code`,
    (p) => `không được để trống: tệp dành cho ${p.unit}, nên mỗi dòng ghi mã chi bộ của mình`,
  ),
  NO_CELL_WITH_CODE: entry<{ code: string; unit: string }>((p) => `no cell with code ${p.code} under ${p.unit}`, (p) => `không có chi bộ mã ${p.code} thuộc ${p.unit}`),
  NO_MEMBER_WITH_CARD: entry<{ card: string; cell: string }>(
    (p) => `no member with party card number ${p.card} in ${p.cell}`,
    (p) => `không có đảng viên số thẻ ${p.card} trong ${p.cell}`,
  ),
  CARD_OR_NAME: entry(
    () => 'both the party card number and the full name are empty: give one of them',
    () => 'để trống cả số thẻ lẫn họ và tên: ghi một trong hai',
  ),
  NO_MEMBER_NAMED: entry<{ name: string; cell: string }>((p) => `no member "${p.name}" in ${p.cell}`, (p) => `không có đảng viên «${p.name}» trong ${p.cell}`),
  NAME_SHARED: entry<{ name: string; count: number; cell: string }>(
    (p) => `"${p.name}" is the name of ${p.count} members of ${p.cell}; give the party card number`,
    (p) => `«${p.name}» trùng tên ${p.count} đảng viên của ${p.cell}; hãy ghi số thẻ`,
  ),
  NOT_A_MEMBER_THAT_DAY: entry<{ name: string; cell: string }>(
    (p) => `"${p.name}" was not a member of ${p.cell} that day (give the party card number or the full name)`,
    (p) => `«${p.name}» không phải đảng viên của ${p.cell} vào ngày đó (ghi số thẻ đảng viên hoặc họ và tên đầy đủ)`,
  ),

  // Imports: what a file's rows name, said by the template's headings.
  NO_UNIT_CODE_UNDER: entry<{ code: string; unit: string }>(
    (p) => `no party organisation under ${p.unit} has the code ${p.code}`,
    (p) => `không có tổ chức mã ${p.code} thuộc ${p.unit}`,
  ),
  NO_UNIT_CODE_IN_SCOPE: entry<{ code: string }>(
    (p) => `no party organisation in your subtree has the code ${p.code}`,
    (p) => `không có tổ chức mã ${p.code} trong phạm vi của bạn`,
  ),
  NO_CELL_CODE_UNDER: entry<{ code: string; unit: string }>(
    (p) => `no cell under ${p.unit} has the code ${p.code}`,
    (p) => `không có chi bộ mã ${p.code} thuộc ${p.unit}`,
  ),
  NO_MEMBER_CARD_NUMBER: entry<{ card: string }>(
    (p) => `no member has the party card number ${p.card}`,
    (p) => `không có đảng viên số thẻ ${p.card}`,
  ),
  NO_UNIT_OR_COMMITTEE: entry<{ value: string; cell: string }>(
    (p) => `no party organisation has the code ${p.value}, nor is there a committee named "${p.value}" above ${p.cell}`,
    (p) => `không có tổ chức đảng mã ${p.value}, cũng không có cấp ủy tên «${p.value}» trên ${p.cell}`,
  ),
  ROW_DIFFERS_FROM_GROUP: entry<{ line: number }>(
    (p) => `differs from row ${p.line} of the same group; leave it empty or write it as that row does`,
    (p) => `khác với dòng ${p.line} của cùng tổ; để trống hoặc ghi giống dòng đó`,
  ),
  NOT_EMPTY_ON_GROUP_FIRST_ROW: entry(
    () => 'must not be empty on the first row of a group',
    () => 'không được để trống ở dòng đầu của tổ',
  ),
  GROUP_EXISTS_USE_ASSIGN: entry<{ committee: string; group: string }>(
    (p) => `${p.committee} already has a working group "${p.group}"; add cells to it with workingGroupAssignCells`,
    (p) => `${p.committee} đã có tổ công tác «${p.group}»; thêm chi bộ cho tổ đó bằng workingGroupAssignCells`,
  ),
  CELL_LISTED_FOR_GROUP: entry<{ cell: string; group: string }>(
    (p) => `${p.cell} is already listed for ${p.group}`,
    (p) => `${p.cell} đã được ghi cho ${p.group}`,
  ),
  TARGET_ON_EARLIER_ROW: entry<{ unit: string; year: number; line: number }>(
    (p) => `the ${p.year} target of ${p.unit} is already on row ${p.line}`,
    (p) => `chỉ tiêu năm ${p.year} của ${p.unit} đã ghi ở dòng ${p.line}`,
  ),
  CANDIDATE_LISTED: entry<{ name: string; birthDate: string; line: number }>(
    (p) =>
      `${p.name} (born ${p.birthDate}) ${Number(p.line) > 0 ? `is already on row ${p.line}` : 'is already on the cell’s list'}; ` +
      'record later stages with candidateAdvance',
    (p) =>
      `${p.name} (sinh ${viDate(p.birthDate)}) ${Number(p.line) > 0 ? `đã ghi ở dòng ${p.line}` : 'đã có trong danh sách của chi bộ'}; ` +
      'các bước sau ghi bằng candidateAdvance',
  ),
  DROPPED_OR_ADMITTED: entry(
    () => 'an admitted candidate is not dropped: leave droppedOn or admittedOn empty',
    () => 'quần chúng đã kết nạp thì không dừng xem xét: để trống «Ngày dừng xem xét» hoặc «Ngày kết nạp»',
  ),
  ONLY_WITH_DROPPED_ON: entry(
    () => 'is given only with the day consideration was dropped (droppedOn)',
    () => 'chỉ ghi khi có «Ngày dừng xem xét»',
  ),
  ONLY_WITH_ADMITTED_ON: entry(
    () => 'is given only with the admission day (admittedOn)',
    () => 'chỉ ghi khi có «Ngày kết nạp»',
  ),
  ADMITTED_ON_NEEDS_ROLE: entry<RoleParams>(
    (p) => `only a committee records the admission day: ${needsRoleEn(p)}`,
    (p) => `chỉ cấp ủy ghi được ngày kết nạp: ${needsRoleVi(p)}`,
  ),
  PARENT_CODE_FOR_FILE_UNIT: entry<{ unit: string }>(
    (p) => `must not be empty: the file is for ${p.unit}, so each unit names its parent (${p.unit} or a unit under it)`,
    (p) => `không được để trống: tệp dành cho ${p.unit}, nên mỗi tổ chức ghi mã cấp trên của mình (${p.unit} hoặc một tổ chức thuộc đó)`,
  ),
  ROOT_UNIT_IN_FILE_OUTSIDE_SCOPE: entry<{ scope: string }>(
    (p) => `left empty, the unit is a top-level one, outside your subtree (${p.scope}): only an administrator of the whole country imports one; give the parent's code`,
    (p) => `để trống là tổ chức cấp cao nhất, nằm ngoài phạm vi của bạn (${viScope(p.scope)}): chỉ quản trị viên toàn quốc nhập được; hãy ghi mã tổ chức cấp trên`,
  ),
  PARENT_CODE_IS_OWN: entry(() => 'is the code of this unit itself', () => 'là mã của chính tổ chức này'),
  PARENT_CODES_LOOP: entry<{ loop: string }>(
    (p) => `the file's units are each other's parents, in a loop: ${p.loop}`,
    (p) => `các tổ chức của tệp làm cấp trên của nhau thành vòng: ${p.loop}`,
  ),
  PARENT_CODE_UNKNOWN: entry<{ code: string; unit: string }>(
    (p) => `no unit ${p.unit ? `under ${p.unit}` : 'in your subtree'} has the code ${p.code}, nor does any row of the file`,
    (p) => `không có tổ chức mã ${p.code} ${p.unit ? `thuộc ${p.unit}` : 'trong phạm vi của bạn'}, cũng không có ở dòng nào của tệp`,
  ),
  CODE_ON_EARLIER_ROW: entry<{ code: string; line: number }>(
    (p) => `the code ${p.code} is already on row ${p.line} of the file`,
    (p) => `mã ${p.code} đã có ở dòng ${p.line} của tệp`,
  ),
  CODE_TAKEN_OUTSIDE_SCOPE: entry<{ code: string }>(
    (p) => `the code ${p.code} already belongs to a unit outside your subtree`,
    (p) => `mã ${p.code} đã là của một tổ chức ngoài phạm vi của bạn`,
  ),
  DECIDER_ABOVE_SCOPE: entry<{ unit: string }>(
    (p) =>
      `left empty, the committee directly above ${p.unit} decides, and it lies outside your subtree; ` +
      'give the code of the deciding committee within your subtree',
    (p) =>
      `để trống thì cấp ủy cấp trên trực tiếp của ${p.unit} là cấp quyết định, mà cấp ủy đó ngoài phạm vi của bạn; ` +
      'hãy ghi «Mã cấp ủy quyết định» thuộc phạm vi của bạn',
  ),
  NO_GROUP_NAMED: entry<{ group: string }>(
    (p) => `no working group "${p.group}" is in charge of a cell under the file's unit`,
    (p) => `không có tổ công tác «${p.group}» phụ trách chi bộ thuộc đơn vị nhập tệp`,
  ),
  GROUPS_SHARE_NAME: entry<{ count: number; group: string; cell: string; day: string }>(
    (p) => `${p.count} working groups named "${p.group}" are in charge of ${p.cell} on ${p.day}`,
    (p) => `có ${p.count} tổ công tác tên «${p.group}» cùng phụ trách ${p.cell} ngày ${viDate(p.day)}`,
  ),
  NO_MEETING_ON: entry<{ cell: string; day: string }>(
    (p) => `${p.cell} has no meeting on ${p.day}; record the meeting first (meetingRecord or meetingImport)`,
    (p) => `${p.cell} không có buổi sinh hoạt nào ngày ${viDate(p.day)}; ghi buổi sinh hoạt trước (meetingRecord hoặc meetingImport)`,
  ),
  NO_MEETING_AT: entry<{ cell: string; time: string; day: string; times: string }>(
    (p) => `${p.cell} has no meeting starting at ${p.time} on ${p.day}; that day's meetings start at ${p.times}`,
    (p) => `${p.cell} không có buổi sinh hoạt nào bắt đầu lúc ${p.time} ngày ${viDate(p.day)}; các buổi trong ngày bắt đầu lúc ${p.times}`,
  ),
  MEETINGS_ON_DAY: entry<{ cell: string; count: number; day: string; times: string }>(
    (p) => `${p.cell} has ${p.count} meetings on ${p.day} (starting at ${p.times}): give the start time to say which was attended`,
    (p) =>
      `${p.cell} có ${p.count} buổi sinh hoạt ngày ${viDate(p.day)} (bắt đầu lúc ${p.times}): ghi thêm cột «Giờ bắt đầu» để chỉ rõ buổi được dự`,
  ),

  // Analytics (more).
  TOTAL_NEEDS_UNIT_ONLY: entry(
    () => 'a total beside the rows needs UNIT as the only dimension',
    () => `dòng tổng cộng chỉ có khi «${fieldLabel('dimensions')}» chỉ gồm UNIT (theo tổ chức)`,
  ),

  // The command line.
  NO_UNIT_WITH_CODE: entry<{ code: string }>((p) => `no unit has the code "${p.code}"`, (p) => `không có tổ chức nào mang mã "${p.code}"`),

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


export function render(value: Message, language: Language): string {
  const found = catalogue[value.code] as Entry<Params>;
  return found[language](value.params);
}

export function isMessageCode(value: string): value is MessageCode {
  return Object.hasOwn(catalogue, value);
}

export { viDate };
