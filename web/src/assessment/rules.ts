// The framework's decision as the form shows it while the user types (the service decides; this only previews what
// it will say): the total of the points against the thresholds, or the highest level whose indicators are all met.
// The same rules as the domain's Decisions.

export interface FrameworkIndicator {
  code: string;
  name: string;
  maxPoints?: number | null;
  levels?: string[] | null;
}

export interface FrameworkDocument {
  code: string;
  version: number;
  title: string;
  regulation: string;
  decision: 'POINTS' | 'ALL_MET';
  criteria: { code: string; name: string; indicators: FrameworkIndicator[] }[];
  thresholds?: { result: string; minPoints: number }[] | null;
  levels?: string[] | null;
  provisional?: boolean;
}

export type Value = number | boolean | undefined;

export const NOT_MET = 'CHUA_DAT';

export function indicatorsOf(framework: FrameworkDocument): FrameworkIndicator[] {
  return framework.criteria.flatMap((criterion) => criterion.indicators);
}

/** The sum of the points given (empty ones count as nothing), to a hundredth. */
export function totalPoints(values: Record<string, Value>): number {
  const sum = Object.values(values).reduce<number>((total, v) => total + (typeof v === 'number' ? v : 0), 0);
  return Math.round(sum * 100) / 100;
}

/** The result the framework gives to these values. */
export function resultOf(framework: FrameworkDocument, values: Record<string, Value>): string {
  if (framework.decision === 'POINTS') {
    const total = totalPoints(values);
    const reached = (framework.thresholds ?? []).find((threshold) => total >= Number(threshold.minPoints));
    return reached ? reached.result : NOT_MET;
  }
  let reached = NOT_MET;
  for (const level of framework.levels ?? []) {
    const allMet = indicatorsOf(framework).filter((indicator) => (indicator.levels ?? []).includes(level))
      .every((indicator) => values[indicator.code] === true);
    if (!allMet) {
      break;
    }
    reached = level;
  }
  return reached;
}

/** What is wrong with a value typed for an indicator (null when nothing is). */
export function problemOf(indicator: FrameworkIndicator, value: Value): string | null {
  if (typeof value !== 'number') {
    return null;
  }
  const max = Number(indicator.maxPoints ?? 0);
  if (Number.isNaN(value) || value < 0 || value > max) {
    return `Điểm từ 0 đến ${max}.`;
  }
  return null;
}

export const RESULT_NAMES: Record<string, string> = {
  TOT: 'Tốt',
  KHA: 'Khá',
  TRUNG_BINH: 'Trung bình',
  DAT: 'Đạt',
  CHUA_DAT: 'Chưa đạt',
  MUC_DO_1: 'Mức độ 1',
  MUC_DO_2: 'Mức độ 2',
  MUC_DO_3: 'Mức độ 3',
};
