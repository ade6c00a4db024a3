/**
 * Build-time constants. Taro's DefinePlugin replaces `process.env.TARO_APP_*` with literals.
 * Demo-only code tests `process.env.TARO_APP_DEMO === '1'` where it is used, not a constant from
 * here: webpack drops a dead branch (and what it requires) only when it sees the literal.
 */
export const API_BASE = process.env.TARO_APP_API_BASE ?? '';
