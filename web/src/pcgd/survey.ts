// The survey form's figures, grouped as a commune's officer counts them, and what the API takes from them.
import { wholeNumber } from '../reports/report';

export const STANDARDS: { code: string; name: string }[] = [
  { code: 'ND20-2014-XMC', name: 'Xóa mù chữ' },
  { code: 'ND20-2014-PCGD-MN5', name: 'Phổ cập giáo dục mầm non 5 tuổi' },
  { code: 'ND20-2014-PCGD-TH', name: 'Phổ cập giáo dục tiểu học' },
  { code: 'ND20-2014-PCGD-THCS', name: 'Phổ cập giáo dục trung học cơ sở' },
];

export const FIGURE_GROUPS: { title: string; figures: [string, string][] }[] = [
  { title: 'Trẻ 5 tuổi', figures: [['children5', 'Số trẻ 5 tuổi'], ['children5Attending', 'Đến lớp'],
    ['children5CompletedPreschool', 'Hoàn thành chương trình mầm non']] },
  { title: 'Tiểu học', figures: [['children6', 'Trẻ 6 tuổi'], ['children6InGrade1', 'Vào lớp 1'], ['children11', 'Trẻ 11 tuổi'],
    ['children11CompletedPrimary', '11 tuổi hoàn thành tiểu học'], ['children11InPrimary', '11 tuổi đang học tiểu học'],
    ['children14', 'Trẻ 14 tuổi'], ['children14CompletedPrimary', '14 tuổi hoàn thành tiểu học']] },
  { title: 'Trung học cơ sở', figures: [['youth15to18', 'Thanh thiếu niên 15–18 tuổi'],
    ['youth15to18LowerSecondaryGraduates', 'Tốt nghiệp THCS'],
    ['youth15to18InUpperSecondaryOrVocational', 'Đang học THPT, GDTX hoặc nghề']] },
  { title: 'Xóa mù chữ', figures: [['people15to25', 'Người 15–25 tuổi'], ['people15to25LiterateL1', '15–25 tuổi biết chữ mức 1'],
    ['people15to35', 'Người 15–35 tuổi'], ['people15to35LiterateL1', '15–35 tuổi biết chữ mức 1'],
    ['people15to35LiterateL2', '15–35 tuổi biết chữ mức 2'], ['people15to60', 'Người 15–60 tuổi'],
    ['people15to60LiterateL2', '15–60 tuổi biết chữ mức 2']] },
];

/**
 * The survey as the API takes it: the figures filled in (whole numbers, "1.250" read as 1250), ĐBKK with its source,
 * and per standard whether its resource conditions are met. A figure that is not a whole number is refused here.
 */
export function surveyOf(figures: Record<string, string>, dbkk: boolean, dbkkSource: string,
                         conditions: Record<string, boolean>) {
  const body: Record<string, number> = {};
  for (const [name, text] of Object.entries(figures)) {
    if (!text.trim()) {
      continue;
    }
    const value = wholeNumber(text);
    if (value === null) {
      throw new Error(`"${text}" không phải số nguyên (${name}).`);
    }
    body[name] = value;
  }
  return {
    figures: body, dbkk, ...(dbkkSource.trim() ? { dbkkSource: dbkkSource.trim() } : {}),
    conditionsMet: Object.fromEntries(STANDARDS.map((s) => [s.code, conditions[s.code] ?? false])),
  };
}
