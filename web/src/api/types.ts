// The shapes the API answers with (its OpenAPI document, /v3/api-docs, is the reference).

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface SessionView {
  username: string;
  roles: string[];
  scope: string[];
}

export interface UnitView {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  mergedInto: string | null;
  version: number;
}

export interface UnitList {
  unitId: string | null;
  on: string;
  items: UnitView[];
}

export interface IndicatorRow {
  indicator: string;
  name: { vi: string; en: string } | null;
  target: number | null;
  targetPlanId: string | null;
  targetSetBy: string | null;
  numerator: number;
  denominator: number;
  value: number | null;
  status: 'MET' | 'NOT_MET' | 'NO_DATA';
  asOf: string | null;
}

export interface IndicatorTable {
  unitId: string;
  year: number;
  asOf: string | null;
  items: IndicatorRow[];
}

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

export interface LoggedEvent {
  position: number;
  eventId: string;
  type: string;
  aggregateType: string | null;
  aggregateId: string | null;
  sequence: number | null;
  timestamp: string;
  actor: string | null;
  roles: string[] | null;
  reason: string | null;
  correlationId: string | null;
  payload: Record<string, unknown> | null;
  changes: Change[];
}

export interface HistoryEntry {
  position: number;
  timestamp: string;
  actor: string | null;
  vi: string;
  en: string;
  event: LoggedEvent;
}

export interface StatusChange {
  actor: string;
  at: string;
  reason: string | null;
}

export interface Closure {
  closedAt: string;
  closedBy: string;
  reason: string;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

export interface Target {
  indicator: string;
  target: number;
  scope: string | null;
}

export interface Task {
  content: string;
  leadUnitId: string;
  coordinatingUnitIds: string[];
  timeframe: string | null;
}

export interface PlanView {
  id: string;
  issuerUnitId: string;
  number: string;
  title: string;
  issuedOn: string;
  period: { from: string; to: string };
  basis: string[];
  status: 'DRAFT' | 'ISSUED' | 'CLOSED';
  targets: Target[];
  tasks: Task[];
  deadlines: { what: string; due: string }[];
  version: number;
  lastStatusChange: StatusChange | null;
  closes: Closure[];
}

export interface VerifyReport {
  ok: boolean;
  checkedEvents: number;
  commits: number;
  unsealedEvents: number;
  firstBrokenPosition?: number;
  problem?: string;
}

export interface ProjectionStatus {
  name: string;
  position: number;
  lag: number;
  rebuildEvents: number | null;
}

export interface RebuildResult {
  name: string;
  events: number;
  equal: boolean;
  differences: string[];
  swapped: boolean;
}

export interface RecognitionView {
  id: string;
  title: string;
  subjectUnitId: string;
  year: number;
  level: string | null;
  decisionNumber: string;
  decidedOn: string;
  assessmentId: string | null;
  validThrough: string | null;
  revoked: boolean;
  revokedReason: string | null;
  revokedOn: string | null;
  version: number;
}

export interface RecognitionBatchView {
  id: string;
  unitId: string;
  title: string;
  year: number;
  count: number;
  decisionNumber: string;
  decidedOn: string;
  validThrough: string | null;
  version: number;
}

export interface ScoreView {
  indicator: string;
  criterion: string;
  name: string;
  /** Points or a count, met (true/false), or a ratio. */
  self: number | boolean | { numerator: number; denominator: number } | null;
  reviewed: number | boolean | { numerator: number; denominator: number } | null;
  reason: string | null;
  evidence: string | null;
}

export interface AssessmentView {
  id: string;
  subjectUnitId: string;
  framework: string;
  frameworkVersion: number;
  year: number;
  level: string | null;
  status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'REVIEWED';
  total: number | null;
  result: string | null;
  scores: ScoreView[];
  dueAt: string | null;
  overdue: boolean;
  late: boolean;
  returnReason: string | null;
  reviewedOn: string | null;
  version: number;
}

export interface FrameworkSummary {
  code: string;
  title: string;
  regulation: string;
  latestVersion: number;
}

/** A recognition whose validity differs from what the framework's latest version gives (GET /recognitions/validity-review). */
export interface ValidityChange {
  recognitionId: string;
  subjectUnitId: string;
  title: string;
  level: string | null;
  year: number;
  decidedOn: string;
  frameworkVersion: number;
  validThrough: string;
  validThroughUnderLatest: string;
}

export interface ValidityReview {
  framework: string;
  latestVersion: number;
  validityYears: number;
  items: ValidityChange[];
}
