// What a nomination shows and what may be done to it next: the rules the service applies, as the screen needs them.
import type { NominationState, NominationView, SubjectKind } from '../api/types';

export const STATES: Record<NominationState, string> = {
  DRAFT: 'Dự thảo', SUBMITTED: 'Đã gửi Hội đồng', RETURNED: 'Bị trả lại', COUNCIL_REVIEWED: 'Hội đồng đã đề nghị',
  PROPOSED_UP: 'Đã trình cấp trên', DECIDED: 'Đã khen thưởng', REJECTED: 'Không khen thưởng', REVOKED: 'Đã hủy khen thưởng',
};

export const SUBJECTS: Record<SubjectKind, string> = { TAP_THE: 'Tập thể', HO_GIA_DINH: 'Hộ gia đình', CA_NHAN: 'Cá nhân' };

export const OCCASIONS: Record<string, string> = {
  HANG_NAM: 'Hằng năm', SO_KET: 'Sơ kết', TONG_KET: 'Tổng kết', DOT_XUAT: 'Đột xuất',
};

export const STEPS: Record<string, string> = {
  DRAFTED: 'Lập hồ sơ', SUBMITTED: 'Gửi Hội đồng', RETURNED: 'Trả lại', COUNCIL_PROPOSE: 'Hội đồng đề nghị',
  COUNCIL_REJECT: 'Hội đồng không đề nghị', DECIDED_AWARDED: 'Quyết định khen thưởng',
  DECIDED_REJECTED: 'Quyết định không khen thưởng', REVOKED: 'Hủy khen thưởng', PERSON_FORGOTTEN: 'Xoá dữ liệu cá nhân',
};

export type Action = 'submit' | 'return' | 'propose' | 'reject' | 'decide' | 'revoke' | 'forget';

/** The actions a user with these roles may take on the nomination in its state. */
export function actionsFor(n: NominationView, can: (...roles: string[]) => boolean): Action[] {
  const actions: Action[] = [];
  if ((n.state === 'DRAFT' || n.state === 'RETURNED') && can('PLANNER', 'ADMIN')) {
    actions.push('submit');
  }
  if (['SUBMITTED', 'COUNCIL_REVIEWED', 'PROPOSED_UP'].includes(n.state) && can('REVIEWER', 'RECOGNIZER')) {
    actions.push('return');
  }
  if (n.state === 'SUBMITTED' && can('REVIEWER')) {
    actions.push('propose', 'reject');
  }
  if ((n.state === 'COUNCIL_REVIEWED' || n.state === 'PROPOSED_UP') && can('RECOGNIZER')) {
    actions.push('decide');
  }
  if (n.state === 'DECIDED' && can('RECOGNIZER')) {
    actions.push('revoke');
  }
  if (n.subject.kind !== 'TAP_THE' && n.subject.personalData !== 'FORGOTTEN' && can('ADMIN', 'RECOGNIZER')) {
    actions.push('forget');
  }
  return actions;
}

/** Who is nominated, as this user may read it. */
export function subjectText(n: NominationView): string {
  if (n.subject.kind === 'TAP_THE') {
    return `Tập thể ${n.subject.unitId}`;
  }
  const who = SUBJECTS[n.subject.kind];
  if (n.subject.personalData === 'HIDDEN') {
    return `${who} ở ${n.subject.unitId} (tên được bảo vệ)`;
  }
  return `${who}: ${n.subject.name ?? ''}${n.subject.position ? `, ${n.subject.position}` : ''} (${n.subject.unitId})`;
}
