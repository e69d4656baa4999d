import { App, Button, Flex, Typography } from 'antd';
import { EyeOutlined, ExportOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../shared/contract';
import { newJobId } from '../../lib/api';
import { formatBytes } from '../../i18n';
import { useAppStore } from '../../app/store';
import { JobProgress } from '../../components/JobProgress';
import { DocumentViewer } from '../clients/DocumentViewer';
import { useHandover } from '../handovers/context';

/**
 * The signed agreement of a proposal (补偿协议), by name and size, to open in the viewer or save as a copy —
 * the same document the client's record lists, read and exported through the same channels and rights.
 */
export function AgreementFile({ clientId, documentId }: { clientId: number | null; documentId: number | null }) {
  const { t } = useTranslation();
  const { call } = useHandover();
  const { message } = App.useApp();
  const canExport = useAppStore((s) => s.info?.user?.permissions.includes('documents.manage') ?? false);
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const [viewing, setViewing] = useState<{ name: string; mime: string; data: string } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  useEffect(() => {
    setDoc(null);
    if (documentId === null || clientId === null) return;
    void call('documents.list', { clientId }).then((docs) => setDoc(docs?.find((x) => x.id === documentId) ?? null));
  }, [clientId, documentId]);
  if (documentId === null) return <span data-testid="agreement-file">{t('compensation.detail.noAgreementFile')}</span>;
  if (!doc) return <span data-testid="agreement-file">…</span>;

  const open = async () => setViewing(await call('documents.preview', { id: doc.id }));
  const saveCopy = async () => {
    const id = newJobId();
    setJobId(id);
    const r = await call('documents.export', { jobId: id, id: doc.id });
    setJobId(null);
    if (r?.path) void message.success(t('docs.exported', { path: r.path }));
  };
  return (
    <Flex gap={8} align="center" wrap>
      <PaperClipOutlined />
      <Typography.Text data-testid="agreement-file">{t('compensation.detail.agreementFileText', { name: doc.name, size: formatBytes(doc.size) })}</Typography.Text>
      <Button size="small" icon={<EyeOutlined />} onClick={() => void open()} data-testid="agreement-open">{t('docs.preview')}</Button>
      {canExport && <Button size="small" icon={<ExportOutlined />} onClick={() => void saveCopy()} data-testid="agreement-export">{t('docs.export')}</Button>}
      <JobProgress jobId={jobId} title={t('docs.export')} />
      {viewing && <DocumentViewer doc={viewing} onClose={() => setViewing(null)} />}
    </Flex>
  );
}
