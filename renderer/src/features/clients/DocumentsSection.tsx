import { App, Button, Flex, Table, Tooltip, Typography } from 'antd';
import { EyeOutlined, ExportOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../shared/contract';
import { api, newJobId } from '../../lib/api';
import { formatBytes, formatDateTime } from '../../i18n';
import { describeError } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { DocumentViewer } from './DocumentViewer';
import { HashText } from '../../components/HashText';

export function DocumentsSection({ clientId, canManage }: { clientId: number; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [docs, setDocs] = useState<DocumentView[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [jobTitle, setJobTitle] = useState('');
  const [viewing, setViewing] = useState<{ name: string; mime: string; data: string } | null>(null);

  const load = useCallback(async () => setDocs(await api('documents.list', { clientId })), [clientId]);
  useEffect(() => void load(), [load]);

  const attach = async () => {
    const { path } = await api('dialog.chooseDocumentFile', {});
    if (!path) return;
    const id = newJobId();
    setJobTitle(t('docs.attaching'));
    setJobId(id);
    try {
      const doc = await api('documents.attach', { jobId: id, clientId, file: path });
      message.success(t('docs.attached', { name: doc.name }));
      await load();
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setJobId(null);
    }
  };
  const exportCopy = async (doc: DocumentView) => {
    const id = newJobId();
    setJobTitle(t('docs.export'));
    setJobId(id);
    try {
      const r = await api('documents.export', { jobId: id, id: doc.id });
      if (r.path) message.success(t('docs.exported', { path: r.path }));
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setJobId(null);
    }
  };
  const preview = async (doc: DocumentView) => {
    try {
      setViewing(await api('documents.preview', { id: doc.id }));
    } catch (err) {
      message.error(describeError(err));
    }
  };

  return (
    <div data-testid="documents">
      <Flex justify="space-between" align="center" style={{ marginTop: 16, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('docs.title')}</Typography.Title>
        {canManage && <Button size="small" icon={<PaperClipOutlined />} onClick={() => void attach()} data-testid="attach-document">{t('docs.attach')}</Button>}
      </Flex>
      <Table<DocumentView> size="small" rowKey="id" dataSource={docs} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('docs.none') }}
        columns={[
          { title: t('docs.name'), dataIndex: 'name', ellipsis: true },
          { title: t('docs.size'), dataIndex: 'size', width: 90, render: (n: number) => formatBytes(n) },
          { title: t('docs.sha256'), dataIndex: 'sha256', width: 170, render: (h: string) => <HashText value={h} /> },
          { title: t('docs.added'), dataIndex: 'addedAt', width: 170, render: (v: string, d) => `${formatDateTime(v)} · ${d.addedBy}` },
          { key: 'actions', width: 90, render: (_: unknown, d) => (
            <Flex gap={4}>
              <Tooltip title={t('docs.preview')}><Button size="small" icon={<EyeOutlined />} onClick={() => void preview(d)} data-testid={`preview-${d.name}`} aria-label={t('docs.preview')} /></Tooltip>
              {canManage && <Tooltip title={t('docs.export')}><Button size="small" icon={<ExportOutlined />} onClick={() => void exportCopy(d)} aria-label={t('docs.export')} /></Tooltip>}
            </Flex>
          ) },
        ]} />
      <JobProgress jobId={jobId} title={jobTitle} />
      {viewing && <DocumentViewer doc={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}
