// The API's stable error codes as a person reads them. The API's own `detail` is shown when a code is not known here
// (a newer server), never a stack trace.

export const MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: 'Dữ liệu nhập chưa hợp lệ.',
  MALFORMED_REQUEST: 'Yêu cầu không đúng định dạng.',
  REASON_REQUIRED: 'Cần ghi lý do.',
  INVALID_PERIOD: 'Kỳ kế hoạch không hợp lệ (ngày bắt đầu phải trước ngày kết thúc).',
  INVALID_TEXT: 'Văn bản chứa ký tự không hợp lệ.',
  DATE_OUT_OF_RANGE: 'Ngày nằm ngoài khoảng cho phép (01/01/1945 – 31/12/2100).',
  DUPLICATE_FIELD: 'Một trường bị gửi hai lần.',
  INVALID_NUMBER: 'Số không hợp lệ.',
  UNSUPPORTED_MEDIA_TYPE: 'Định dạng dữ liệu không được hỗ trợ.',
  UNAUTHENTICATED: 'Phiên đăng nhập đã hết hạn hoặc thông tin đăng nhập không đúng.',
  FORBIDDEN_ROLE: 'Vai trò của bạn không được phép thực hiện thao tác này.',
  NOT_IN_SCOPE: 'Đơn vị này nằm ngoài phạm vi được giao cho bạn.',
  CSRF_TOKEN_INVALID: 'Phiên làm việc đã thay đổi. Vui lòng tải lại trang.',
  NOT_FOUND: 'Không tìm thấy.',
  UNIT_NOT_FOUND: 'Không tìm thấy đơn vị (vào ngày đã chọn).',
  PLAN_NOT_FOUND: 'Không tìm thấy kế hoạch.',
  DUPLICATE_ID: 'Mã này đã được dùng.',
  STALE_VERSION: 'Người khác vừa thay đổi dữ liệu này. Hãy tải lại để xem bản mới nhất.',
  CONCURRENT_MODIFICATION: 'Có thay đổi đồng thời. Vui lòng thử lại.',
  INVALID_TRANSITION: 'Không thể chuyển sang trạng thái này từ trạng thái hiện tại.',
  PLAN_ALREADY_CLOSED: 'Kế hoạch đã khóa số liệu.',
  PERIOD_CLOSED: 'Kỳ số liệu đã khóa: không thể ghi thêm.',
  UNIT_MERGED: 'Đơn vị đã sáp nhập vào đơn vị khác.',
  UNIT_DISSOLVED: 'Đơn vị đã giải thể.',
  UNIT_HAS_CHILDREN: 'Còn đơn vị trực thuộc vào ngày đó: chuyển hoặc sáp nhập các đơn vị này trước khi giải thể.',
  IDEMPOTENCY_KEY_REUSED: 'Yêu cầu trùng khóa với một yêu cầu khác.',
  UNKNOWN_UNIT: 'Đơn vị không tồn tại.',
  INVALID_HIERARCHY: 'Cấp đơn vị không phù hợp với đơn vị cấp trên.',
  INVALID_VALID_FROM: 'Ngày hiệu lực không hợp lệ.',
  UNKNOWN_INDICATOR: 'Chỉ số không có trong danh mục.',
  UNKNOWN_FRAMEWORK: 'Bộ tiêu chí không tồn tại.',
  FRAMEWORK_NOT_FOUND: 'Không tìm thấy bộ tiêu chí.',
  ASSESSMENT_NOT_FOUND: 'Không tìm thấy bản đánh giá.',
  SCORE_OUT_OF_RANGE: 'Điểm vượt quá mức tối đa của chỉ tiêu.',
  INCOMPLETE_ASSESSMENT: 'Bản đánh giá còn thiếu chỉ tiêu.',
  UPGRADE_TOO_EARLY: 'Chưa đủ thời gian để xét mức cao hơn.',
  CONCLUSION_MISMATCH: 'Kết luận không khớp với kết quả theo quy định.',
  INVALID_LEVEL: 'Mức đánh giá không hợp lệ.',
  DUPLICATE_ASSESSMENT: 'Đơn vị đã có bản đánh giá cho năm này.',
  DUPLICATE_RECOGNITION: 'Danh hiệu này đã được công nhận.',
  RECOGNITION_NOT_FOUND: 'Không tìm thấy quyết định công nhận.',
  CRITERIA_NOT_MET: 'Đối tượng chưa đạt tiêu chí thi đua.',
  DUPLICATE_AWARD: 'Đối tượng đã được khen thưởng cho thành tích này (một thành tích chỉ khen một hình thức).',
  QUOTA_EXCEEDED: 'Đã hết số lượng khen thưởng được phân bổ cho đợt này.',
  NOMINATION_NOT_FOUND: 'Không tìm thấy hồ sơ đề nghị khen thưởng.',
  UNKNOWN_MOVEMENT: 'Không có phong trào thi đua này.',
  INVALID_TITLE: 'Danh hiệu không phù hợp với đơn vị.',
  SERVICE_UNAVAILABLE: 'Hệ thống tạm thời không phục vụ được. Vui lòng thử lại sau.',
  AS_OF_NOT_SUPPORTED: 'Trang này không xem được theo thời điểm ghi nhận trong quá khứ.',
  OBLIGATION_NOT_FOUND: 'Không tìm thấy yêu cầu báo cáo.',
  REPORT_NOT_FOUND: 'Không tìm thấy báo cáo (hoặc đây không còn là báo cáo mới nhất của đơn vị).',
  IMPORT_ROWS_INVALID: 'Tệp có dòng lỗi: không dòng nào được ghi. Sửa các dòng được nêu rồi gửi lại.',
  INVALID_FILE: 'Tệp không đọc được hoặc không đúng mẫu.',
  FILE_TOO_LARGE: 'Tệp lớn hơn 10 MB: hãy chia thành nhiều tệp.',
};

export interface Problem {
  status?: number;
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** What to tell the user about a refusal: the code's message, else the API's detail, else the HTTP status. */
export function messageOf(problem: Problem): string {
  if (problem.code && MESSAGES[problem.code]) {
    return MESSAGES[problem.code];
  }
  if (problem.detail) {
    return problem.detail;
  }
  return problem.status ? `Lỗi ${problem.status}.` : 'Không kết nối được tới máy chủ.';
}

export const ROLE_NAMES: Record<string, string> = {
  ADMIN: 'Quản trị',
  PLANNER: 'Cán bộ kế hoạch',
  ASSESSOR: 'Cán bộ đánh giá',
  REVIEWER: 'Thẩm định',
  RECOGNIZER: 'Công nhận danh hiệu',
  AUDITOR: 'Kiểm tra',
  VIEWER: 'Xem',
};

export const KIND_NAMES: Record<string, string> = {
  PROVINCE: 'Tỉnh/Thành phố',
  DISTRICT: 'Huyện/Quận',
  COMMUNE: 'Xã/Phường',
  VILLAGE: 'Thôn/Ấp',
  ORGANISATION: 'Cơ quan, tổ chức',
  COMMUNITY_LEARNING_CENTRE: 'Trung tâm học tập cộng đồng',
};

export const PLAN_STATUS: Record<string, string> = {
  DRAFT: 'Dự thảo',
  ISSUED: 'Đã ban hành',
  CLOSED: 'Đã khóa số liệu',
};

export const INDICATOR_STATUS: Record<string, string> = {
  MET: 'Đạt',
  NOT_MET: 'Chưa đạt',
  NO_DATA: 'Chưa có số liệu',
};

export const EVENT_NAMES: Record<string, string> = {
  UnitRegisteredEvent: 'Đăng ký đơn vị',
  UnitRenamedEvent: 'Đổi tên đơn vị',
  UnitMovedEvent: 'Chuyển đơn vị',
  UnitMergedEvent: 'Sáp nhập đơn vị',
  UnitDissolvedEvent: 'Giải thể đơn vị',
  PlanDraftedEvent: 'Soạn kế hoạch',
  PlanIssuedEvent: 'Ban hành kế hoạch',
  PlanAmendedEvent: 'Điều chỉnh kế hoạch',
  PlanClosedEvent: 'Khóa số liệu kế hoạch',
  PlanReopenedEvent: 'Mở lại kế hoạch',
  RecognitionGrantedEvent: 'Công nhận danh hiệu',
  RecognitionRevokedEvent: 'Thu hồi danh hiệu',
  RecognitionBatchRecordedEvent: 'Ghi nhận danh hiệu theo lô',
  BaselineSetEvent: 'Đặt số liệu nền',
  IndicatorValueReportedEvent: 'Báo cáo chỉ số',
  AssessmentOpenedEvent: 'Mở đánh giá',
  AssessmentScoresUpdatedEvent: 'Cập nhật điểm tự đánh giá',
  AssessmentSubmittedEvent: 'Nộp bản đánh giá',
  AssessmentReturnedEvent: 'Trả lại bản đánh giá',
  AssessmentReviewedEvent: 'Thẩm định bản đánh giá',
  PeriodClosedEvent: 'Khóa kỳ số liệu',
  PeriodReopenedEvent: 'Mở lại kỳ số liệu',
  PlanReportersResolvedEvent: 'Giao báo cáo cho đơn vị trực thuộc',
  SurveyRecordedEvent: 'Ghi số liệu điều tra PCGD-XMC',
  SurveyLockedEvent: 'Khóa số liệu điều tra PCGD-XMC',
  SurveyUnlockedEvent: 'Mở khóa số liệu điều tra PCGD-XMC',
  ObligationOpenedEvent: 'Giao báo cáo',
  ObligationRescheduledEvent: 'Đổi hạn báo cáo',
  ObligationCancelledEvent: 'Hủy yêu cầu báo cáo',
  ObligationReopenedEvent: 'Yêu cầu báo cáo lại',
  ObligationReminderSentEvent: 'Nhắc hạn báo cáo',
  ObligationOverdueEvent: 'Quá hạn báo cáo',
  ReportSubmittedEvent: 'Gửi báo cáo',
  ReportAcceptedEvent: 'Tiếp nhận báo cáo',
  ReportReturnedEvent: 'Trả lại báo cáo',
};

export const TITLE_NAMES: Record<string, string> = {
  GIA_DINH_HOC_TAP: 'Gia đình học tập',
  DONG_HO_HOC_TAP: 'Dòng họ học tập',
  CONG_DAN_HOC_TAP: 'Công dân học tập',
  CONG_DONG_HOC_TAP: 'Cộng đồng học tập (thôn, tổ dân phố)',
  DON_VI_HOC_TAP: 'Đơn vị học tập',
  CONG_DONG_HOC_TAP_XA: 'Cộng đồng học tập cấp xã',
  CONG_DONG_HOC_TAP_HUYEN: 'Cộng đồng học tập cấp huyện',
  CONG_DONG_HOC_TAP_TINH: 'Cộng đồng học tập cấp tỉnh',
  XMC: 'Đạt chuẩn xóa mù chữ',
  PCGD_MN5: 'Đạt chuẩn phổ cập giáo dục mầm non cho trẻ em năm tuổi',
  PCGD_TH: 'Đạt chuẩn phổ cập giáo dục tiểu học',
  PCGD_THCS: 'Đạt chuẩn phổ cập giáo dục trung học cơ sở',
};

/** Titles of households, clans and citizens: recorded by communes as counts, in batches. */
export const BATCH_TITLES = ['GIA_DINH_HOC_TAP', 'DONG_HO_HOC_TAP', 'CONG_DAN_HOC_TAP'];

export const OBLIGATION_STATUS: Record<string, string> = {
  OPEN: 'Chưa báo cáo',
  SUBMITTED: 'Đã gửi, chờ tiếp nhận',
  RETURNED: 'Bị trả lại',
  ACCEPTED: 'Đã tiếp nhận',
  CANCELLED: 'Đã hủy',
};

export const TIMELINESS: Record<string, string> = {
  ON_TIME: 'Đúng hạn',
  LATE: 'Trễ hạn',
  OVERDUE: 'Quá hạn',
};

export const PROGRESS: Record<string, string> = {
  NOT_STARTED: 'Chưa thực hiện',
  IN_PROGRESS: 'Đang thực hiện',
  DONE: 'Hoàn thành',
};

export const IMPORT_KINDS: Record<string, string> = {
  baselines: 'Số liệu nền (hộ, dòng họ, công dân…)',
  'recognition-batches': 'Đợt công nhận danh hiệu',
  'indicator-values': 'Giá trị chỉ số từ khảo sát',
};
