// Import problems are read by clerks, in Vietnamese. The rules a row goes through are the
// mutations' own, whose messages are English; the ones an import meets most are said again
// here in Vietnamese, with the API's field names replaced by the template's headings. A
// message not listed keeps its English words rather than be guessed at.
import { labels } from '../../text/labels.js';

type Heading = (key: string) => string;

const levelLabel = (level: string) => (labels.RatingLevel as Record<string, string>)[level] ?? level;

const date = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const day = (year: string, month: string, dayOfMonth: string) => `${dayOfMonth}/${month}/${year}`;

const phrases: [RegExp, (match: RegExpExecArray, heading: Heading) => string][] = [
  [/^is empty$|^is required$/, () => 'không được để trống'],
  [/^must not be in the future$/, () => 'không được sau ngày hôm nay'],
  [/^must not be before ([a-zA-Z]+)$/, (m, h) => `không được trước «${h(m[1] ?? '')}»`],
  [/^must be after ([a-zA-Z]+)$/, (m, h) => `phải sau «${h(m[1] ?? '')}»`],
  [/^is required for an OFFICIAL member$/, () => 'phải có với đảng viên chính thức'],
  [/^must be left out for a PROBATIONARY member$/, () => 'phải để trống với đảng viên dự bị'],
  [
    new RegExp(String.raw`^the member was (\d+) on ${date}; the Party admits from age (\d+)$`),
    (m) => `ngày ${day(m[2]!, m[3]!, m[4]!)} đảng viên mới ${m[1]} tuổi; Đảng kết nạp từ ${m[5]} tuổi`,
  ],
  [
    new RegExp(String.raw`^must be at least (\d+) months after admission \(${date}\), i\.e\. ${date} or later$`),
    (m) => `phải sau ngày vào Đảng (${day(m[2]!, m[3]!, m[4]!)}) ít nhất ${m[1]} tháng, tức từ ${day(m[5]!, m[6]!, m[7]!)}`,
  ],
  [/^party card number (.+) already belongs to (.+)$/, (m) => `số thẻ ${m[1]} đã là của ${m[2]}`],
  [/^already exists \((.*)\)$/, () => 'đã có trong dữ liệu'],
  [/^refers to a record that does not exist$/, () => 'trỏ tới bản ghi không có'],
  [/^must be a cell \(chi bộ\); (.+) is a ([A-Z_]+)$/, (m) => `phải là chi bộ; ${m[1]} không phải chi bộ`],
  [new RegExp(String.raw`^(.+) was dissolved on ${date}$`), (m) => `${m[1]} đã giải thể ngày ${day(m[2]!, m[3]!, m[4]!)}`],
  [/^the member is listed twice$/, () => 'một đảng viên được ghi hai lần'],
  [
    new RegExp(String.raw`^(.+) was not a member of (.+) on ${date}$`),
    (m) => `${m[1]} không sinh hoạt tại ${m[2]} ngày ${day(m[3]!, m[4]!, m[5]!)}`,
  ],
  [
    new RegExp(String.raw`^a (regular|combined) meeting for (.+) is already recorded for (.+) \(held on ${date}\)`),
    (m) =>
      `${m[3]} đã có buổi sinh hoạt ${m[1] === 'combined' ? 'thường kỳ kết hợp chuyên đề' : 'thường kỳ'} của ${m[2]} (họp ngày ` +
      `${day(m[4]!, m[5]!, m[6]!)}); hãy ghi buổi này là chuyên đề hoặc bất thường, hoặc sửa tháng`,
  ],
  [/^must be from 0 to 100$/, () => 'phải từ 0 đến 100'],
  [/^must be a whole (number|year)$/, () => 'phải là số nguyên'],
  [/^must be (\d+) or (later|earlier)$/, (m) => `phải ${m[2] === 'later' ? 'từ' : 'đến'} ${m[1]}`],
  [
    /^(\w+) does not rate a (party organisation|member) (from|before) (\d+); allowed for (\d+): (.+)$/,
    (m) => `mức «${levelLabel(m[1]!)}» không dùng để xếp loại ${m[2] === 'member' ? 'đảng viên' : 'tổ chức đảng'} năm ${m[5]}; được dùng: ${m[6]!.split(', ').map(levelLabel).join('; ')}`,
  ],
  [
    /^(.+) is already rated (\w+) for (.+); correct that rating with (\w+)$/,
    (m) => `${m[1]} đã được xếp loại «${levelLabel(m[2]!)}» cho ${m[3]}; muốn sửa thì dùng ${m[4]}`,
  ],
  [/^(.+) was not in any cell during (.+)$/, (m) => `${m[1]} không sinh hoạt ở chi bộ nào trong ${m[2]}`],
  [/^(\w+) allows at most ([\d.]+) points$/, (m) => `tiêu chí ${m[1]} tối đa ${m[2]} điểm`],
  [/^no points given for (.+)$/, (m) => `chưa cho điểm tiêu chí ${m[1]}`],
  [
    /^(\w+): ([\d.]+) points contradict the record: (.+) give ([\d.]+) points under (\S+)(.*); leave the points out to have them computed$/,
    (m) =>
      `${m[2]} điểm tiêu chí ${m[1]} trái với sổ sinh hoạt: ${m[3]} thì được ${m[4]} điểm theo ${m[5]}${m[6]}; ` +
      'để trống ô này để điểm được tính tự động',
  ],
  [
    new RegExp(String.raw`^(.+) was not assigned to (.+) on ${date}$`),
    (m) => `${m[1]} không được phân công phụ trách ${m[2]} vào ngày ${day(m[3]!, m[4]!, m[5]!)}`,
  ],
  [
    new RegExp(String.raw`^(.+) (?:did|does) not act on ${date} \(formed ${date}(?:, dissolved ${date})?\)$`),
    (m) =>
      `${m[1]} không hoạt động vào ngày ${day(m[2]!, m[3]!, m[4]!)} (thành lập ngày ${day(m[5]!, m[6]!, m[7]!)}` +
      `${m[8] ? `, giải thể ngày ${day(m[8], m[9]!, m[10]!)}` : ''})`,
  ],
];

/** The message in Vietnamese, where it is one the list knows; `heading` names a field by its column. */
export function vietnameseMessage(message: string, heading: Heading): string {
  for (const [pattern, say] of phrases) {
    const match = pattern.exec(message);
    if (match) return say(match, heading);
  }
  return message;
}

/** "Dòng 5, cột «Ngày sinh»: …", the way a clerk is told where to look. */
export function locatedMessage(row: number, column: string, message: string): string {
  return column === '' ? `Dòng ${row}: ${message}` : `Dòng ${row}, cột «${column}»: ${message}`;
}

