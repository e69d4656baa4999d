import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { PdfViewer, bytesOf } from '../dataroom/PdfViewer';

export function DocumentViewer({ doc, onClose, onPage, extra }: { doc: { name: string; mime: string; data: string }; onClose(): void; onPage?: (page: number) => void; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  let body: React.ReactNode;
  if (doc.mime === 'application/pdf') body = <PdfViewer data={doc.data} onPage={onPage} />;
  else if (doc.mime.startsWith('image/')) body = <img alt={doc.name} src={`data:${doc.mime};base64,${doc.data}`} style={{ maxWidth: '100%' }} data-testid="image-preview" />;
  else body = <pre style={{ whiteSpace: 'pre-wrap', maxHeight: '70vh', overflow: 'auto' }}>{new TextDecoder().decode(bytesOf(doc.data))}</pre>;
  return (
    <Modal open width={Math.min(1100, window.innerWidth - 32)} title={`${doc.name} — ${t('docs.readOnly')}`} footer={null} onCancel={onClose} destroyOnHidden data-testid="document-viewer">
      {extra && <div style={{ textAlign: 'right', marginBottom: 8 }}>{extra}</div>}
      <div onContextMenu={(e) => e.preventDefault()}>{body}</div>
    </Modal>
  );
}
