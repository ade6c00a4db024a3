/**
 * Domain errors: a stable machine code and a plain Chinese sentence that tells the member what
 * to do. They know nothing of HTTP; the functions map codes to status codes in one table.
 */

export const ERROR_MESSAGES = {
  INVALID_REQUEST: '填写的内容有误，请检查后再试。',
  INVALID_JSON: '请求内容不是有效的 JSON。',
  UNSUPPORTED_MEDIA_TYPE: '请求内容类型不支持，请使用 application/json。',
  PAYLOAD_TOO_LARGE: '请求内容过大。',
  NOT_FOUND: '没有找到您要的内容。',
  METHOD_NOT_ALLOWED: '不支持这种请求方式。',
  UNAUTHENTICATED: '请先登录。',
  SESSION_EXPIRED: '登录已过期，请重新登录。',
  NOT_BOUND: '请先完成实名绑定，再查看公积金账户。',
  SESSION_ENDED: '这个微信已经解除绑定，请重新登录。',
  CONSENT_OUTDATED: '隐私政策已更新，请阅读新的隐私政策并同意后再继续。',
  FORBIDDEN: '您没有权限进行这项操作。',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已过期，请重新打开小程序。',
  WECHAT_UNAVAILABLE: '微信登录服务暂时不可用，请稍后再试。',
  WECHAT_RATE_LIMITED: '登录请求过于频繁，请稍后再试。',
  WECHAT_RISKY_USER: '当前微信账号存在风险，暂不能登录，请前往服务网点办理。',
  IDENTITY_MISMATCH: '姓名、身份证号或手机号与公积金中心登记的信息不一致，请核对后再试。',
  ALREADY_BOUND: '这个微信已经绑定了公积金账户。',
  ACCOUNT_BOUND_ELSEWHERE: '这个公积金账户已绑定其他微信。如需更换，请到服务网点办理。',
  TOO_MANY_ATTEMPTS: '尝试次数过多，请 15 分钟后再试。',
  ACCOUNT_NOT_FOUND: '没有找到您的公积金账户，请联系公积金中心。',
  STAFF_LOGIN_FAILED: '用户名或密码不正确。',
  STAFF_DISABLED: '这个工作人员账号已停用，请联系管理员。',
  AGENCY_DISABLED: '这个查验机构账号已停用，请联系发证的公积金中心。',
  ACCOUNT_SEALED: '账户已封存，不能缴存。请单位先办理启封。',
  ACCOUNT_CLOSED: '账户已销户，不能再办理这项业务。',
  ACCOUNT_FROZEN: '账户已冻结，暂时不能办理这项业务。',
  ACCOUNT_EXISTS: '这个账号已经开户了。',
  ACCOUNT_NOT_SEALED: '账户没有封存，不需要启封。',
  ACCOUNT_NOT_NORMAL: '只有正常状态的账户才能办理这项业务。',
  BALANCE_NOT_ZERO: '账户还有余额，请先办理销户提取，余额为零后才能销户。',
  NAME_MISMATCH: '姓名与账户登记的姓名不一致。',
  AMOUNT_MISMATCH: '缴存额与按缴存基数和比例核定的金额不一致。',
  MONTH_IN_FUTURE: '缴存年月不能晚于本月。',
  MONTH_BEFORE_OPENING: '缴存年月早于开户年月。',
  MONTH_ALREADY_DEPOSITED: '这个月份的缴存已经入账，没有重复入账。',
  LINE_CONFLICT: '同一批次的同一行号已经用不同的内容提交过，请核对批次文件。',
  INTEREST_NOT_DUE: '这一年的结息日还没到。',
  BUSY_RETRY: '系统繁忙，请稍后重试。',
  NO_PAID_OFF_LOAN: '没有查到您已结清的公积金贷款，暂不能开具贷款结清证明。',
  CERT_NEEDS_NORMAL_ACCOUNT: '账户需为正常缴存状态才能开具异地贷款缴存使用证明。',
  CERT_NOT_FOUND: '没有找到这份证明。',
  CERT_REVOKED: '这份证明已撤销，请重新开具。',
  CERT_EXPIRED: '这份证明已过有效期，请重新开具。',
  RATE_LIMITED: '操作太频繁了，请稍后再试。',
  ALREADY_WITHDRAWN_THIS_MONTH: '您本月已经提取过租房公积金了，每个自然月只能提取一次，下个月 1 日起可以再申请。',
  OVER_MONTHLY_LIMIT: '提取金额超过了本月可提取的上限，请按页面显示的可提取金额填写。',
  INSUFFICIENT_BALANCE: '账户余额不够，请把提取金额改小一些。',
  ACCOUNT_NOT_ACTIVE: '账户不是正常缴存状态（封存、冻结或销户），暂不能租房提取。',
  OWNS_HOME: '不动产登记显示您在本市有自有住房，不能办理租房提取。如信息有误，请到服务网点核实。',
  HAS_ACTIVE_LOAN: '您有未还清的公积金贷款，贷款期间不能办理租房提取。',
  DEPOSIT_MONTHS_SHORT: '需要连续足额缴存满规定月数后才能租房提取，请过几个月再来。',
  WITHDRAWAL_LOCKED: '您开启了提取锁，现在不能提取。如需提取，请先在“设置”里关闭提取锁。',
  APPLICATION_IN_FLIGHT: '您已有一笔提取申请正在办理，请等它办完（或撤回）后再申请。',
  BANK_CARD_NOT_ON_FILE: '只能提取到您本人在公积金中心登记的银行卡，请核对卡号。',
  BANK_CARD_COOLING_OFF: '为了资金安全，新绑定的银行卡要过 12 小时才能收款，请稍后再申请。',
  WRONG_MONTH: '只能申请本月的租房提取。',
  IDEMPOTENCY_KEY_REQUIRED: '请求缺少防重复提交的编号（Idempotency-Key），请更新小程序后再试。',
  IDEMPOTENCY_KEY_REUSED: '这个防重复提交编号已用于另一笔不同的申请，请重新提交。',
  APPLICATION_NOT_FOUND: '没有找到这笔申请。',
  LIMIT_ABOVE_CITY_CAP: '个人每月提取上限不能超过本市每月上限，请填写更小的金额，或点“改回按本市上限”。',
  NOT_CANCELLABLE: '这笔申请已经审核通过或办结，不能撤回了。',
  NOT_REVIEWABLE: '这笔申请不在待审核状态。',
  SAME_REVIEWER: '复核必须由另一位工作人员进行，不能审核自己初审过的申请。',
  DAY_CLOSED: '这一天已经日结（或正在日结），不能再记到这一天；请以调整分录记到今天，并写明原因。',
  DAY_NOT_IMPORTED: '这一天还有银行的对账单没有导入，不能日结。',
  DAY_NOT_EXPLAINED: '还有未达账项没有写说明，不能日结。请逐笔核实并写明原因。',
  DAY_CLOSE_NOT_PROPOSED: '这一天还没有人提交日结，或已经日结了。',
  DAY_CLOSE_SAME_PERSON: '日结必须由另一位工作人员复核，不能复核自己提交的日结。',
  UNMATCHED_ITEM_NOT_FOUND: '没有找到这笔未达账项，对账结果可能已重新导入，请刷新后再看。',
  NOT_IN_MANUAL_CHECK: '这笔付款不在人工核查中（可能已经有了结果），请刷新后再看。',
  FACE_CHECK_REQUIRED: '这项业务需要先完成人脸核验（刷脸），请按提示核验后再提交。',
  FACE_CHECK_EXPIRED: '人脸核验已过有效期，请重新刷脸后再提交。',
  FACE_CHECK_USED: '这次人脸核验已经用过了，每次核验只能办理一项业务，请重新刷脸。',
  FACE_CHECK_MISMATCH: '这次人脸核验不是为这项业务做的，请重新刷脸。',
  FACE_CHECK_NOT_FOUND: '没有找到这次人脸核验，请重新刷脸。',
  FACE_TOO_MANY_FAILURES: '人脸核验没有通过的次数太多了，请明天再试，或带上身份证到服务网点柜台办理。',
  FACE_UNAVAILABLE: '人脸核验服务暂时不可用，请稍后再试，或到服务网点柜台办理。',
  SERVICE_NOT_RATEABLE: '没有找到这项可以评价的服务。',
  RATING_WINDOW_CLOSED: '这项服务已过了评价期限，不能再评价了。',
  ALREADY_RATED: '这项服务您已经评价过了，每项服务只评价一次。',
  RATING_CASE_NOT_FOUND: '没有找到这个差评工单。',
  CASE_STEP_NOT_ALLOWED: '工单现在的状态不能办理这一步，请刷新后再看。',
  APPEAL_BY_ANOTHER: '申诉要由另一位工作人员决定，不能决定自己提出的申诉。',
  NOTHING_TO_REPLY: '工作人员还没有回访，暂时不用确认。',
  RETIREMENT_NOT_PREPARED: '现在没有等您确认的离退休提取（可能已经确认、已到账，或您选择了到柜台办理），请刷新后再看。',
  RETIREMENT_HELD: '离退休提取暂时不能办理。',
  CLOSING_DOCUMENTS_MISSING: '还缺少必需的材料，核验原件后才能办理销户提取。',
  CLOSING_HELD: '这个账户暂时不能办理销户提取。',
  RETIREMENT_ALREADY_PREPARED: '系统已为这位职工办理离退休提取（免申即享），不能在柜台再办一次。',
  LOAN_NOT_FOUND: '没有找到这笔公积金贷款，请刷新后再看。',
  LOAN_NOT_OUTSTANDING: '这笔贷款已经结清，不用再签约还贷。',
  AGREEMENT_EXISTS: '您已签约用公积金按月还贷，一个账户只能签一份。如要换一笔贷款，请先取消，下月起再签。',
  BANK_NOT_COOPERATING: '这家银行还没有和公积金中心合作商贷自动划转，请从列表里选择贷款银行，或到柜台咨询。',
  NO_ACTIVE_AGREEMENT: '您现在没有生效的按月还贷签约，不用取消。',
  REPAYMENT_AGREEMENT_ACTIVE: '您已签约用公积金按月还贷（约定提取），签约期间不能办理租房提取。如要租房提取，请先取消签约，下月起生效。',
  INTERNAL: '系统开小差了，请稍后再试。',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string = ERROR_MESSAGES[code], details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
