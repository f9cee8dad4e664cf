// The plan amendment form's rows, and what the API takes from them.
import { parseDate } from '../i18n/format';

export interface TargetRow { indicator: string; percent: string; scope: string }
/** A task row; {@code taskId} (kept from the plan) lets reports keep naming the task after the amendment. */
export interface TaskRow { taskId?: string; content: string; leadUnitId: string; coordinating: string; timeframe: string }
/** A deadline row; the id, kind, reporters and recurrence the plan has are kept as they are. */
export interface DeadlineRow {
  deadlineId?: string; what: string; due: string; kind?: string | null; reporterUnitIds?: string[]; recurrence?: string | null;
}

/** What an amendment sends: the targets as shares (the form shows percentages), tasks and deadlines, and why. */
export function amendmentOf(targets: TargetRow[], tasks: TaskRow[], deadlines: DeadlineRow[], reason: string) {
  return {
    targets: targets.filter((t) => t.indicator).map((t) => ({
      indicator: t.indicator, target: Math.round(Number(t.percent.replace(',', '.')) * 100) / 10000,
      ...(t.scope.trim() ? { scope: t.scope.trim() } : {}),
    })),
    tasks: tasks.filter((t) => t.content.trim()).map((t) => ({
      ...(t.taskId ? { taskId: t.taskId } : {}),
      content: t.content.trim(), ...(t.leadUnitId.trim() ? { leadUnitId: t.leadUnitId.trim() } : {}),
      coordinatingUnitIds: t.coordinating.split(',').map((id) => id.trim()).filter(Boolean),
      ...(t.timeframe.trim() ? { timeframe: t.timeframe.trim() } : {}),
    })),
    deadlines: deadlines.filter((d) => d.what.trim()).map((d) => ({
      ...(d.deadlineId ? { deadlineId: d.deadlineId } : {}),
      what: d.what.trim(), due: parseDate(d.due) ?? d.due,
      ...(d.kind ? { kind: d.kind } : {}),
      ...(d.reporterUnitIds?.length ? { reporterUnitIds: d.reporterUnitIds } : {}),
      ...(d.recurrence ? { recurrence: d.recurrence } : {}),
    })),
    reason,
  };
}

