import { Form, Input, Progress, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { estimatePassphrase, MIN_PASSPHRASE_SCORE } from '../../../shared/passphrase';

const COLORS = ['#cf1322', '#fa541c', '#faad14', '#52c41a', '#237804'];

export function StrengthMeter({ value }: { value: string }) {
  const { t } = useTranslation();
  const { score, hints } = estimatePassphrase(value);
  const labels = t('passphrase.strength', { returnObjects: true }) as string[];
  return (
    <div data-testid="strength" data-score={score} aria-live="polite">
      <Progress percent={((score + 1) / 5) * 100} steps={5} showInfo={false} strokeColor={COLORS[score]} size="small" />
      <Typography.Text type={score >= MIN_PASSPHRASE_SCORE ? 'success' : 'danger'} style={{ marginLeft: 8 }}>
        {value ? labels[score] : ''}
      </Typography.Text>
      {value && hints.length > 0 && (
        <div>
          <Typography.Text type="secondary">{hints.map((h) => t(h)).join(' ')}</Typography.Text>
        </div>
      )}
    </div>
  );
}

/** A new passphrase with its strength meter and a confirmation field, for antd Forms. */
export function NewPassphraseFields({ name = 'passphrase', label }: { name?: string; label?: string }) {
  const { t } = useTranslation();
  const strong: Rule = {
    validator: (_, v: string | undefined) =>
      estimatePassphrase(v ?? '').score >= MIN_PASSPHRASE_SCORE ? Promise.resolve() : Promise.reject(new Error(t('passphrase.minimum'))),
  };
  return (
    <>
      <Form.Item name={name} label={label ?? t('passphrase.label')} rules={[strong]} extra={t('passphrase.minimum')}>
        <Input.Password autoComplete="new-password" data-testid={`${name}-input`} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a[name] !== b[name]}>
        {({ getFieldValue }) => <div style={{ margin: '-8px 0 16px' }}><StrengthMeter value={(getFieldValue(name) as string) ?? ''} /></div>}
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={t('passphrase.confirm')}
        dependencies={[name]}
        rules={[({ getFieldValue }) => ({
          validator: (_, v) => (v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('passphrase.mismatch')))),
        })]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${name}-confirm`} />
      </Form.Item>
    </>
  );
}
