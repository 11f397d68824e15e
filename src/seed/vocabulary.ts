// Words the demo province is made of: Vietnamese names of people and places, meeting topics.
// Frequencies are rough shares of the population (Nguyễn about 38%, Kinh about 86%).
import type { Random } from './random.js';

const familyNames: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Huỳnh', 4], ['Hoàng', 3], ['Phan', 4.5], ['Võ', 3.5],
  ['Vũ', 2.5], ['Đặng', 2], ['Bùi', 2], ['Đỗ', 1.5], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Đinh', 0.8], ['Trương', 0.8], ['Lâm', 0.5], ['Mai', 0.5], ['Tô', 0.4], ['Châu', 0.4], ['Cao', 0.5], ['Lưu', 0.4],
];
const minorityFamilyNames: Record<string, readonly string[]> = {
  Khmer: ['Thạch', 'Danh', 'Sơn', 'Kim', 'Lâm', 'Chau', 'Thị'],
  Hoa: ['Lâm', 'Quách', 'Trương', 'Lý', 'Mã', 'Tăng', 'Diệp'],
  Tày: ['Hoàng', 'Nông', 'Lương', 'Ma', 'Bế'],
  Nùng: ['Hoàng', 'Nông', 'Lục', 'Vi', 'Lăng'],
  Mường: ['Bùi', 'Đinh', 'Quách', 'Hà'],
  Thái: ['Lò', 'Cầm', 'Lường', 'Vi'],
  Chăm: ['Đàng', 'Thuận', 'Lư'],
};
const middleNames = {
  MALE: ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Hoàng', 'Ngọc', 'Trung'],
  FEMALE: ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Hồng', 'Bích', 'Thùy'],
} as const;
const givenNames = {
  MALE: ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khang', 'Khánh', 'Long', 'Lộc', 'Lý', 'Minh',
    'Nam', 'Nghĩa', 'Phúc', 'Phước', 'Quang', 'Sang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thịnh', 'Toàn', 'Trí', 'Trung',
    'Tuấn', 'Út', 'Việt', 'Vinh', 'Vũ', 'Xuân', 'Bảo', 'Châu', 'Định', 'Được'],
  FEMALE: ['Anh', 'Bích', 'Chi', 'Diễm', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hồng', 'Huệ', 'Hương', 'Lan', 'Liên',
    'Linh', 'Loan', 'Mai', 'My', 'Ngân', 'Nga', 'Nhung', 'Oanh', 'Phượng', 'Phương', 'Quyên', 'Thảo', 'Thủy', 'Trang', 'Trinh',
    'Tuyết', 'Vân', 'Xuân', 'Yến', 'Ánh', 'Ngọc', 'Đào', 'Lệ'],
} as const;

export const ethnicities: readonly (readonly [string, number])[] = [
  ['Kinh', 88], ['Khmer', 6], ['Hoa', 2], ['Tày', 1.4], ['Nùng', 0.9], ['Mường', 0.6], ['Thái', 0.6], ['Chăm', 0.3],
];

export type GenderValue = 'MALE' | 'FEMALE';

export function personName(random: Random, gender: GenderValue, ethnicity: string): string {
  const minority = minorityFamilyNames[ethnicity];
  const family = minority && random.chance(0.8) ? random.pick(minority) : random.weighted(familyNames);
  const middle = random.pick(middleNames[gender]);
  const given = random.pick(givenNames[gender]);
  // Some people have two given names ("Nguyễn Thị Thu Hà").
  const second = random.chance(0.15) ? `${random.pick(givenNames[gender])} ` : '';
  return `${family} ${middle} ${second}${given}`;
}

// Place names are built from two common elements (Hòa An, Tân Phú, Long Thạnh …).
const placeFirst = ['Hòa', 'Tân', 'Long', 'Phú', 'Bình', 'An', 'Mỹ', 'Vĩnh', 'Thạnh', 'Phước', 'Hiệp', 'Đông', 'Tây',
  'Thuận', 'Hưng', 'Quang', 'Xuân', 'Minh', 'Trung', 'Đại', 'Kiến', 'Cây', 'Phương', 'Nhơn', 'Lộc'];
const placeSecond = ['An', 'Mỹ', 'Phú', 'Bình', 'Hòa', 'Thành', 'Lợi', 'Hưng', 'Long', 'Thạnh', 'Phước', 'Tiến', 'Đức',
  'Lộc', 'Hiệp', 'Khánh', 'Thới', 'Hậu', 'Điền', 'Dương', 'Trinh', 'Quới', 'Chánh', 'Sơn', 'Xuyên'];

/** Distinct place names in a random order (625 of them, then numbered repeats). */
export function placeNames(random: Random): () => string {
  const names: string[] = [];
  for (const first of placeFirst) for (const second of placeSecond) if (first !== second) names.push(`${first} ${second}`);
  const order = random.shuffle(names);
  let next = 0;
  return () => {
    const name = order[next % order.length] as string;
    const round = Math.floor(next / order.length);
    next++;
    return round === 0 ? name : `${name} ${round + 1}`;
  };
}

export const agencyCellNames = ['Văn phòng Huyện ủy', 'Ủy ban Kiểm tra Huyện ủy', 'Ban Tổ chức Huyện ủy', 'Ban Tuyên giáo Huyện ủy',
  'Phòng Tài chính – Kế hoạch', 'Phòng Lao động, Thương binh và Xã hội', 'Phòng Kinh tế – Hạ tầng', 'Phòng Tư pháp',
  'Phòng Nội vụ', 'Phòng Giáo dục và Đào tạo', 'Phòng Tài nguyên và Môi trường', 'Phòng Nông nghiệp và Phát triển nông thôn',
  'Bảo hiểm xã hội', 'Chi cục Thuế', 'Kho bạc Nhà nước', 'Tòa án nhân dân', 'Viện Kiểm sát nhân dân', 'Chi cục Thi hành án dân sự',
  'Văn hóa, Thể thao và Truyền thông', 'Ủy ban Mặt trận Tổ quốc', 'Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Huyện đoàn',
  'Ngân hàng Chính sách xã hội', 'Trung tâm Chính trị'];
export const communeAgencyCells = ['Cơ quan Đảng ủy – Mặt trận', 'Cơ quan Ủy ban nhân dân'];
export const schoolKinds = ['Trường Mầm non', 'Trường Tiểu học', 'Trường THCS', 'Trường THPT'];
export const enterpriseNames = ['Hợp tác xã Tiến Đạt', 'Công ty Cổ phần Cấp thoát nước', 'Công ty TNHH Mía đường', 'Công ty Điện lực',
  'Công ty Cổ phần Thủy sản', 'Công ty TNHH Một thành viên Xổ số kiến thiết', 'Hợp tác xã Nông nghiệp', 'Công ty Cổ phần Dược',
  'Công ty TNHH Chế biến nông sản', 'Công ty Cổ phần Vận tải'];
export const enterpriseDivisions = ['Phân xưởng sản xuất', 'Phòng Kỹ thuật', 'Phòng Kinh doanh', 'Xí nghiệp', 'Đội vận hành', 'Phòng Hành chính'];
export const agencyDivisions = ['Văn phòng', 'Phòng Tổ chức', 'Phòng Nghiệp vụ', 'Phòng Kế hoạch', 'Phòng Thanh tra', 'Trung tâm'];

export const thematicTopics = [
  'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'Nâng cao chất lượng sinh hoạt chi bộ',
  'Vai trò nêu gương của cán bộ, đảng viên',
  'Xây dựng nông thôn mới nâng cao',
  'Phát triển kinh tế hộ gia đình, giảm nghèo bền vững',
  'Công tác phát triển đảng viên',
  'Bảo đảm an ninh trật tự trên địa bàn',
  'Chuyển đổi số trong cơ quan, đơn vị',
  'Phòng, chống tham nhũng, lãng phí, tiêu cực',
  'Bảo vệ nền tảng tư tưởng của Đảng',
  'Nâng cao chất lượng dạy và học',
  'Chăm sóc sức khỏe nhân dân',
  'Xây dựng văn hóa công sở',
  'Kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam 3-2',
  'Phát huy dân chủ ở cơ sở',
  'Chuẩn bị đại hội đảng bộ các cấp nhiệm kỳ 2025 – 2030',
];

export const extraordinaryTopics = [
  'Xem xét đề nghị kết nạp đảng viên',
  'Xét công nhận đảng viên chính thức',
  'Triển khai phòng, chống dịch bệnh',
  'Phòng, chống thiên tai, hạn mặn',
  'Kiện toàn chi ủy',
  'Lấy ý kiến về sắp xếp đơn vị hành chính',
];

export const excusedReasons = ['Ốm', 'Đi công tác', 'Việc gia đình', 'Đi làm ăn xa', 'Nằm viện', 'Con nhỏ ốm'];

export const visitComments = [
  'Chi bộ chuẩn bị nội dung chu đáo, đảng viên phát biểu sôi nổi',
  'Sinh hoạt đúng quy trình, biên bản ghi đầy đủ',
  'Nội dung còn chung chung, chưa đi sâu vào nhiệm vụ trọng tâm',
  'Thời gian sinh hoạt chưa bảo đảm',
  'Tỷ lệ đảng viên tham dự cao, không khí dân chủ',
];
export const visitRecommendations = [
  'Cần cụ thể hóa nghị quyết bằng các giải pháp sát thực tế',
  'Tăng cường phê bình và tự phê bình',
  'Tách riêng sinh hoạt chi bộ với sinh hoạt chuyên môn',
  'Chuẩn bị dự thảo nghị quyết trước khi sinh hoạt',
  'Phân công đảng viên phụ trách hộ gia đình',
];

/** The 34 provinces and cities of the country since 2025, with short codes. */
export const provinces: readonly (readonly [string, string])[] = [
  ['thành phố Hà Nội', 'HNI'], ['thành phố Huế', 'HUE'], ['tỉnh Lai Châu', 'LCU'], ['tỉnh Điện Biên', 'DBN'], ['tỉnh Sơn La', 'SLA'],
  ['tỉnh Lạng Sơn', 'LSN'], ['tỉnh Quảng Ninh', 'QNH'], ['tỉnh Thanh Hóa', 'THA'], ['tỉnh Nghệ An', 'NAN'], ['tỉnh Hà Tĩnh', 'HTH'],
  ['tỉnh Cao Bằng', 'CBG'], ['tỉnh Tuyên Quang', 'TQG'], ['tỉnh Lào Cai', 'LCI'], ['tỉnh Thái Nguyên', 'TNN'], ['tỉnh Phú Thọ', 'PTO'],
  ['tỉnh Bắc Ninh', 'BNH'], ['tỉnh Hưng Yên', 'HYN'], ['thành phố Hải Phòng', 'HPG'], ['tỉnh Ninh Bình', 'NBH'], ['tỉnh Quảng Trị', 'QTI'],
  ['thành phố Đà Nẵng', 'DNG'], ['tỉnh Quảng Ngãi', 'QNI'], ['tỉnh Gia Lai', 'GLI'], ['tỉnh Khánh Hòa', 'KHA'], ['tỉnh Lâm Đồng', 'LDG'],
  ['tỉnh Đắk Lắk', 'DLK'], ['Thành phố Hồ Chí Minh', 'HCM'], ['tỉnh Đồng Nai', 'DNI'], ['tỉnh Tây Ninh', 'TNH'], ['thành phố Cần Thơ', 'CTO'],
  ['tỉnh Vĩnh Long', 'VLG'], ['tỉnh Đồng Tháp', 'DTP'], ['tỉnh Cà Mau', 'CMU'], ['tỉnh An Giang', 'AGG'],
];
