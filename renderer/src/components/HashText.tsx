import { Tooltip, Typography } from 'antd';

/**
 * A checksum or fingerprint as people compare them: the first 12 characters in monospace, the whole value
 * in a tooltip and behind the copy button (GLOSSARY.md: 通知存证码, first 12 characters, full value in a tooltip).
 * A 64-character hex string in a details table only wrapped over three lines and was read by nobody.
 */
export function HashText({ value, testId }: { value: string; testId?: string }) {
  return (
    <Tooltip title={<span style={{ wordBreak: 'break-all' }}>{value}</span>}>
      <Typography.Text code copyable={{ text: value }} {...(testId ? { 'data-testid': testId } : {})}>{value.slice(0, 12)}…</Typography.Text>
    </Tooltip>
  );
}
