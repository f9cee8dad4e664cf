// The report form's rows, and what the API takes from them.
import type { Progress } from '../api/types';

export interface FigureRow { indicator: string; numerator: string; denominator: string }
export interface TaskRow { taskId: string; content: string; progress: Progress | ''; percent: string; narrative: string }

/** Whole numbers as typed by a Vietnamese user: "1.250" and "1 250" are 1250. */
export function wholeNumber(text: string): number | null {
  const digits = text.replace(/[.\s\u00a0]/g, '');
  return /^\d{1,15}$/.test(digits) ? Number(digits) : null;
}

/**
 * A report's body: the figures filled in (both parts given), the tasks whose progress was chosen, and the texts
 * (blank ones left out). A figure with one part missing or not a whole number is refused before it is sent.
 */
export function reportOf(figures: FigureRow[], tasks: TaskRow[],
                         text: { narrative: string; difficulties: string; proposals: string }) {
  const filled = figures.filter((f) => f.numerator.trim() || f.denominator.trim());
  const bad = filled.find((f) => wholeNumber(f.numerator) === null || wholeNumber(f.denominator) === null);
  if (bad) {
    throw new Error(`Số liệu ${bad.indicator}: tử số và mẫu số phải là số nguyên.`);
  }
  const badPercent = tasks.find((t) => t.progress && t.percent.trim() && wholeNumber(t.percent) === null);
  if (badPercent) {
    throw new Error(`Tiến độ "${badPercent.content}": phần trăm phải là số nguyên từ 0 đến 100.`);
  }
  return {
    figures: filled.map((f) => ({ indicator: f.indicator, numerator: wholeNumber(f.numerator)!, denominator: wholeNumber(f.denominator)! })),
    tasks: tasks.filter((t) => t.progress).map((t) => ({
      taskId: t.taskId, progress: t.progress as Progress,
      ...(t.percent.trim() ? { percent: wholeNumber(t.percent)! } : {}),
      ...(t.narrative.trim() ? { narrative: t.narrative.trim() } : {}),
    })),
    ...(text.narrative.trim() ? { narrative: text.narrative.trim() } : {}),
    ...(text.difficulties.trim() ? { difficulties: text.difficulties.trim() } : {}),
    ...(text.proposals.trim() ? { proposals: text.proposals.trim() } : {}),
  };
}
