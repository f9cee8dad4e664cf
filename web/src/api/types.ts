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
  taskId: string;
  content: string;
  leadUnitId: string;
  coordinatingUnitIds: string[];
  timeframe: string | null;
}

export type DeadlineKind = 'PLAN' | 'SIX_MONTH_REVIEW' | 'RESULTS' | 'ANNUAL' | 'SELF_ASSESSMENT' | 'PCGD_DATA_LOCK'
  | 'PCGD_DOSSIER' | 'MOVEMENT_REPORT' | 'PHASE_REVIEW';

/** A reporting deadline; its reporters are the issuer's children when it names none. */
export interface Deadline {
  deadlineId: string;
  what: string;
  due: string;
  kind: DeadlineKind | null;
  reporterUnitIds: string[];
  recurrence: 'YEARLY' | null;
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
  deadlines: Deadline[];
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
  /** Read from communes' surveys (PCGD-XMC), not self-assessed. */
  surveyStandard: boolean;
}

/** A recognition whose validity differs from what the framework's latest version gives (GET /recognitions/validity-review). */
export interface ValidityChange {
  recognitionId: string;
  subjectUnitId: string;
  title: string;
  level: string | null;
  year: number;
  decidedOn: string;
  /** null: granted without a framework, before a title's framework ruled its validity. */
  frameworkVersion: number | null;
  validThrough: string;
  validThroughUnderLatest: string;
}

export interface ValidityReview {
  framework: string;
  latestVersion: number;
  validityYears: number;
  items: ValidityChange[];
}

export type ObligationStatus = 'OPEN' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED' | 'CANCELLED';
export type Timeliness = 'ON_TIME' | 'LATE' | 'OVERDUE';
export type Progress = 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE';

export interface ObligationView {
  id: string;
  planId: string;
  issuerUnitId: string;
  deadline: { deadlineId: string; what: string; kind: DeadlineKind | null; due: string; dueAt: string };
  unitId: string;
  status: ObligationStatus;
  timeliness: Timeliness | null;
  submittedAt: string | null;
  reportId: string | null;
  submissions: number;
  returns: number;
  lastReminder: { at: string; daysLeft: number } | null;
  overdueAt: string | null;
  lastChange: { actor: string | null; at: string; reason: string | null } | null;
  version: number;
}

export interface ReportedFigure { indicator: string; numerator: number; denominator: number }
export interface TaskProgress { taskId: string; progress: Progress; percent: number | null; narrative: string | null }

export interface ReportView {
  id: string;
  obligationId: string;
  planId: string;
  issuerUnitId: string;
  unitId: string;
  figures: ReportedFigure[];
  tasks: TaskProgress[];
  narrative: string | null;
  difficulties: string | null;
  proposals: string | null;
  submission: number;
  timeliness: Timeliness;
  status: 'SUBMITTED' | 'ACCEPTED' | 'RETURNED';
  submittedAt: string;
  submittedBy: string | null;
  decision: { actor: string | null; at: string; reason: string | null } | null;
  version: number;
}

export interface TaskProgressView {
  taskId: string;
  units: number;
  done: number;
  averagePercent: number;
  items: { unitId: string; progress: Progress; percent: number; narrative: string | null }[];
}

export interface ImportReport {
  kind: string;
  fileSha256: string;
  rows: number;
  valid: boolean;
  errors: { row: number; column: string; code: string; message: string }[];
  changes: Record<string, unknown>[];
  applied: number;
  unchanged: number;
}

export interface SurveyView {
  unitId: string;
  year: number;
  figures: Record<string, number>;
  dbkk: boolean;
  dbkkSource: string | null;
  conditionsMet: Record<string, boolean>;
  locked: boolean;
  lastChange: { actor: string | null; at: string; reason: string | null } | null;
  version: number;
}

export interface StandardCheck {
  level: string;
  indicator: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  min: number | null;
  met: boolean;
}

export interface StandardOutcome { framework: string; result: string; reached: string[]; checks: StandardCheck[] }

export interface LevelsView {
  unitId: string;
  year: number;
  dbkk: boolean;
  referenceDate: string | null;
  recognisedBy: string | null;
  recognisingAuthority: string | null;
  items: StandardOutcome[];
}

export type Occasion = 'HANG_NAM' | 'SO_KET' | 'TONG_KET' | 'DOT_XUAT';
export type SubjectKind = 'TAP_THE' | 'HO_GIA_DINH' | 'CA_NHAN';
export type NominationState = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'COUNCIL_REVIEWED' | 'PROPOSED_UP' | 'DECIDED'
  | 'REJECTED' | 'REVOKED';

export interface Movement {
  code: string;
  version: number;
  name: string;
  regulation: string | null;
  provisional: boolean;
  criteria: string;
  phases: { code: string; name: string; from: string; to: string; occasions: Occasion[] }[];
  forms: { code: string; name: string; subjects: SubjectKind[]; reserved: boolean }[];
}

export interface AwardCriteria {
  code: string;
  version: number;
  movement: string;
  title: string;
  groups: { code: string; name: string; subject: SubjectKind; criteria: { code: string; name: string; check: 'TITLE' | 'ATTESTED' }[] }[];
}

export interface MovementList {
  items: Movement[];
  criteria: AwardCriteria[];
}

export interface NominationView {
  id: string;
  movement: string;
  phase: string;
  occasion: Occasion;
  year: number;
  form: string;
  subject: { kind: SubjectKind; unitId: string; name: string | null; position: string | null;
    personalData: 'SHOWN' | 'HIDDEN' | 'FORGOTTEN' | null };
  achievements: string;
  proposedByUnitId: string;
  decidingUnitId: string | null;
  proposedUp: boolean;
  state: NominationState;
  criteria: { code: string; version: number; checks: { code: string; name: string; check: string; met: boolean; evidence: string }[] } | null;
  recommendation: 'PROPOSE' | 'REJECT' | null;
  decision: { decision: 'AWARDED' | 'REJECTED'; decisionNumber: string; decidedOn: string } | null;
  steps: { action: string; actor: string | null; at: string; reason: string | null }[];
  version: number;
}
