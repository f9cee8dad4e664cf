// The framework's decision as the form shows it while the user types (the service decides; this only previews what
// it will say): the total of the points against the thresholds, or the highest level whose every indicator meets
// that level's target and every lower level's. The same rules as the domain's Decisions and ScoreRules.

export type IndicatorKind = 'POINTS' | 'CONDITION' | 'RATIO' | 'COUNT';

export interface FrameworkIndicator {
  code: string;
  name: string;
  /** Absent in documents written before per-level targets: POINTS or CONDITION by the framework's decision. */
  kind?: IndicatorKind | null;
  maxPoints?: number | null;
  levels?: string[] | null;
  /** Per level: a ratio's minimum percentage, or a count's minimum. */
  min?: Record<string, number> | null;
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

/** A ratio as typed: either part may still be empty. */
export interface Ratio {
  numerator?: number;
  denominator?: number;
}

/** Points or a count (numbers), met (true/false), or a ratio. */
export type Value = number | boolean | Ratio | undefined;

export function kindOf(framework: FrameworkDocument, indicator: FrameworkIndicator): IndicatorKind {
  return indicator.kind ?? (framework.decision === 'POINTS' ? 'POINTS' : 'CONDITION');
}

export function isRatio(value: Value | null): value is Ratio {
  return typeof value === 'object' && value !== null;
}

/** Whether a level's result depends on the indicator. */
export function hasTargetAt(framework: FrameworkDocument, indicator: FrameworkIndicator, level: string): boolean {
  const kind = kindOf(framework, indicator);
  if (kind === 'CONDITION') {
    return (indicator.levels ?? []).includes(level);
  }
  return (kind === 'RATIO' || kind === 'COUNT') && indicator.min?.[level] !== undefined && indicator.min?.[level] !== null;
}

/** A ratio compares exactly (numerator × 100 ≥ min × denominator); no denominator is no data, so not met. */
export function meetsTarget(framework: FrameworkDocument, indicator: FrameworkIndicator, level: string, value: Value): boolean {
  switch (kindOf(framework, indicator)) {
    case 'CONDITION':
      return value === true;
    case 'RATIO': {
      const min = Number(indicator.min?.[level]);
      return isRatio(value) && value.numerator !== undefined && value.denominator !== undefined && value.denominator > 0
        && value.numerator * 100 >= min * value.denominator;
    }
    case 'COUNT':
      return typeof value === 'number' && value >= Number(indicator.min?.[level]);
    default:
      return false;
  }
}

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
    const allMet = indicatorsOf(framework).filter((indicator) => hasTargetAt(framework, indicator, level))
      .every((indicator) => meetsTarget(framework, indicator, level, values[indicator.code]));
    if (!allMet) {
      break;
    }
    reached = level;
  }
  return reached;
}

/** What is wrong with a value typed for an indicator (null when nothing is). */
export function problemOf(framework: FrameworkDocument, indicator: FrameworkIndicator, value: Value): string | null {
  const whole = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 0);
  switch (kindOf(framework, indicator)) {
    case 'POINTS': {
      if (typeof value !== 'number') {
        return null;
      }
      const max = Number(indicator.maxPoints ?? 0);
      return Number.isNaN(value) || value < 0 || value > max ? `Điểm từ 0 đến ${max}.` : null;
    }
    case 'COUNT':
      return typeof value === 'number' && !whole(value) ? 'Số nguyên từ 0 trở lên.' : null;
    case 'RATIO':
      if (!isRatio(value)) {
        return null;
      }
      if (!whole(value.numerator) || !whole(value.denominator)) {
        return 'Tử số và mẫu số là số nguyên từ 0 trở lên.';
      }
      if (value.numerator !== undefined && value.denominator !== undefined && value.numerator > value.denominator) {
        return 'Tử số không lớn hơn mẫu số.';
      }
      return (value.numerator === undefined) !== (value.denominator === undefined) ? 'Cần cả tử số và mẫu số.' : null;
    default:
      return null;
  }
}

/** A typed value as the API takes it (null when there is nothing to send). */
export function scoreOf(framework: FrameworkDocument, indicator: FrameworkIndicator, value: Value): Record<string, unknown> | null {
  if (value === undefined) {
    return null;
  }
  switch (kindOf(framework, indicator)) {
    case 'POINTS':
      return typeof value === 'number' ? { indicator: indicator.code, points: value } : null;
    case 'CONDITION':
      return typeof value === 'boolean' ? { indicator: indicator.code, met: value } : null;
    case 'COUNT':
      return typeof value === 'number' ? { indicator: indicator.code, count: value } : null;
    case 'RATIO':
      return isRatio(value) && value.numerator !== undefined && value.denominator !== undefined
        ? { indicator: indicator.code, numerator: value.numerator, denominator: value.denominator } : null;
  }
}

/** A value as the API shows it (points or count, true/false, or {numerator, denominator}). */
export function valueFromView(value: unknown): Value {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'object') {
    const ratio = value as { numerator?: unknown; denominator?: unknown };
    return { numerator: ratio.numerator == null ? undefined : Number(ratio.numerator),
             denominator: ratio.denominator == null ? undefined : Number(ratio.denominator) };
  }
  return Number(value);
}

/** What an indicator asks for at each level, e.g. "Mức độ 1: ≥ 90% · Mức độ 2: ≥ 95%". */
export function targetsOf(framework: FrameworkDocument, indicator: FrameworkIndicator): string {
  const kind = kindOf(framework, indicator);
  const levels = framework.levels ?? [];
  if (kind === 'CONDITION') {
    return (indicator.levels ?? []).map((level) => RESULT_NAMES[level] ?? level).join(', ');
  }
  return levels.filter((level) => hasTargetAt(framework, indicator, level))
    .map((level) => `${RESULT_NAMES[level] ?? level}: ≥ ${indicator.min?.[level]}${kind === 'RATIO' ? '%' : ''}`).join(' · ');
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
