import { Alert } from 'antd';
import { ApiError } from '../lib/api';
import { errorText } from '../i18n';
import { formatError } from '../../../shared/i18n/errors';
import { currentLanguage } from '../i18n';

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return errorText(error.data);
  return formatError(currentLanguage(), 'INTERNAL');
}

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert type="error" showIcon title={describeError(error)} role="alert" data-testid="error" style={{ marginBottom: 16 }} />;
}
