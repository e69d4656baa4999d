import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPENSATION_METHODS, type ChannelOutput } from '../../../../shared/contract';
import { api } from '../../lib/api';
import { yuan } from './money';

/** On the buyer's side, in the client's record: what a received package promised this client and what is still owed. */
export function ClientCommitments({ clientId }: { clientId: number }) {
  const { t } = useTranslation();
  const [list, setList] = useState<ChannelOutput<'compensation.received'>>([]);
  useEffect(() => {
    api('compensation.received', { clientId }).then(setList, () => setList([]));
  }, [clientId]);
  if (list.length === 0) return null;
  const method = (m: string) => ((COMPENSATION_METHODS as readonly string[]).includes(m) ? t(`compensation.methods.${m}`) : m);
  return (
    <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="client-commitments" message={t('compensation.received.title')}
      description={list.map((c, i) => (
        <div key={i}>{c.handoverRef} · {method(c.method)} · {c.promise} · {t('compensation.col.agreed')} {yuan(c.agreedFen)} · {t('compensation.col.paid')} {yuan(c.paidFen)} · {t('compensation.col.owed')} {yuan(c.owedFen)}{c.dueOn ? ` · ${t('compensation.col.due')} ${c.dueOn}` : ''}</div>
      ))} />
  );
}
