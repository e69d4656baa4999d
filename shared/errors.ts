/**
 * Stable error codes that cross every boundary (IPC, CLI, tests). The UI
 * translates them with the message key `errors.<CODE>`; details carry the
 * values a message needs (row, field, seconds to wait…), never a stack.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'VAULT_LOCKED',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_FROM_FUTURE',
  'VAULT_CORRUPT',
  'BAD_CREDENTIALS',
  'BAD_RECOVERY_KEY',
  'TOO_MANY_ATTEMPTS',
  'USER_DISABLED',
  'USER_EXISTS',
  'USER_NOT_FOUND',
  'LAST_ADMIN',
  'WEAK_PASSPHRASE',
  'KDF_TOO_WEAK',
  'SLOT_TAMPERED',
  'KEYRING_NOT_HELD',
  'ROLE_WITHOUT_SLOT',
  'BACKUP_CORRUPT',
  'VAULT_UP_TO_DATE',
  'UPGRADE_FAILED',
  'KEY_ROTATION_FAILED',
  'PATH_NOT_ALLOWED',
  'TARGET_NOT_EMPTY',
  'CANCELLED',
  'BUSY',
  'FILE_UNREADABLE',
  'FILE_TOO_LARGE',
  'FILE_NOT_UTF8',
  'FILE_UNCLOSED_QUOTE',
  'FILE_NO_HEADER',
  'FILE_NOT_XLSX',
  'FILE_TOO_MANY_COLUMNS',
  'FILE_UNPACKS_TOO_LARGE',
  'FILE_TOO_COMPLEX',
  'MAPPING_NO_NAME',
  'MAPPING_DUPLICATE',
  'MAPPING_MISMATCH',
  'CLIENT_NOT_FOUND',
  'CLIENT_CODE_TAKEN',
  'DOCUMENT_NOT_FOUND',
  'PREVIEW_UNSUPPORTED',
  'PURGE_NOT_ARCHIVED',
  'PURGE_NOT_CONFIRMED',
  'TARGET_EXISTS',
  'AUDIT_EXPORT_INVALID',
  'SIGNATURE_INVALID',
  'SCOPED_IMPORT',
  'REPORT_BEYOND_SCOPE',
  'HANDOVER_BEYOND_SCOPE',
  'HANDOVER_BEYOND_MASKS',
  'SCOPED_AUDIT',
  'FIELD_NOT_FOUND',
  'OUT_OF_SCOPE',
  'ROLE_NOT_FOUND',
  'ROLE_BUILTIN',
  'ROLE_IN_USE',
  'SELF_APPROVAL',
  'PACKAGE_REFUSED',
  'IDENTITY_UNREADABLE',
  'KEY_UNREADABLE',
  'KEY_EXISTS',
  'KEY_NOT_FOUND',
  'FINGERPRINT_MISMATCH',
  'HANDOVER_NOT_FOUND',
  'HANDOVER_CLOSED',
  'HANDOVER_EXPORTED',
  'HANDOVER_STATE',
  'HANDOVER_EMPTY',
  'NO_CLIENTS_MATCH',
  'CLIENTS_ARCHIVED',
  'CLIENT_TAGS_FULL',
  'HANDOVER_GATES',
  'ALREADY_APPROVED',
  'EVIDENCE_REQUIRED',
  'NOTICE_SETTINGS_MISSING',
  'NOTICE_NOT_GENERATED',
  'KEY_NOT_VERIFIED',
  'SENDER_NOT_VERIFIED',
  'RECEIPT_INVALID',
  'RECEIPT_WRONG_SIGNER',
  'DATAROOM_ACTIVE',
  'DATAROOM_NOT_ACTIVE',
  'DATAROOM_EXTEND_LIMIT',
  'COMPENSATION_NO_STANDARD',
  'COMPENSATION_NOT_FOUND',
  'COMPENSATION_METHOD',
  'COMPENSATION_NOT_AGREED',
  'COMPENSATION_OVERPAID',
  'COMPENSATION_DOCUMENT',
  'SESSION_NOT_FOUND',
  'QUESTION_NOT_FOUND',
  'SORT_MASKED',
  'DISK_FULL',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, string | number | boolean | null>;
}

/** An error meant for the user: a code, an English fallback message, and details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: AppErrorData['details'];

  constructor(code: ErrorCode, message: string, details?: AppErrorData['details']) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details) this.details = details;
  }

  toData(): AppErrorData {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/**
 * An operating-system failure the user can act on, as the AppError that says so: a full disk (ENOSPC, a quota,
 * SQLite's SQLITE_FULL) instead of "something went wrong inside the app". Null for anything else (it stays
 * INTERNAL, its text unsaid: it may hold paths or data). Pure: it reads only the error's `code`.
 */
export function systemAppError(err: unknown): AppError | null {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return new AppError('DISK_FULL', 'The disk is full');
  return null;
}
