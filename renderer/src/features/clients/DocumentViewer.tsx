import { Button, Flex, Modal, Spin, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

import uniGbUtf16 from 'pdfjs-dist/cmaps/UniGB-UTF16-H.bcmap?inline';
import adobeGb1Ucs2 from 'pdfjs-dist/cmaps/Adobe-GB1-UCS2.bcmap?inline';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * CMaps for PDFs that use the standard Chinese fonts without embedding them
 * (our notices and reports): inlined in the bundle, so nothing is fetched.
 */
const CMAPS: Record<string, string> = { 'UniGB-UTF16-H': uniGbUtf16, 'Adobe-GB1-UCS2': adobeGb1Ucs2 };
class InlineCMapReader {
  async fetch({ name }: { name: string }) {
    const url = CMAPS[name];
    if (!url) throw new Error(`No CMap ${name}`);
    return { cMapData: bytesOf(url.slice(url.indexOf(',') + 1)), isCompressed: true };
  }
}

function bytesOf(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** PDF pages drawn on a canvas by pdf.js: no plugin, no file on disk, nothing to save or print from. */
function PdfView({ data, onPage }: { data: string; onPage?: (page: number) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<pdfjs.PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  useEffect(() => {
    const task = pdfjs.getDocument({ data: bytesOf(data), isEvalSupported: false, CMapReaderFactory: InlineCMapReader, cMapUrl: 'inline/', cMapPacked: true, useWorkerFetch: false });
    void task.promise.then(setDoc, () => setDoc(null));
    return () => void task.destroy();
  }, [data]);
  useEffect(() => {
    if (!doc || !canvas.current) return;
    let cancelled = false;
    void doc.getPage(page).then((p) => {
      if (cancelled || !canvas.current) return;
      const viewport = p.getViewport({ scale: 1.3 });
      const el = canvas.current;
      el.width = viewport.width;
      el.height = viewport.height;
      void p.render({ canvasContext: el.getContext('2d')!, viewport }).promise;
      onPage?.(page);
    });
    return () => {
      cancelled = true;
    };
  }, [doc, page, onPage]);
  if (!doc) return <Spin />;
  return (
    <Flex vertical align="center" gap={8}>
      <Flex gap={8} align="center">
        <Button icon={<LeftOutlined />} disabled={page <= 1} onClick={() => setPage((p) => p - 1)} aria-label="previous page" />
        <Typography.Text data-testid="pdf-page">{t('docs.page', { page, pages: doc.numPages })}</Typography.Text>
        <Button icon={<RightOutlined />} disabled={page >= doc.numPages} onClick={() => setPage((p) => p + 1)} aria-label="next page" />
      </Flex>
      <canvas ref={canvas} data-testid="pdf-canvas" style={{ maxWidth: '100%', boxShadow: '0 1px 4px rgba(0,0,0,.2)' }} />
    </Flex>
  );
}

export function DocumentViewer({ doc, onClose, onPage, extra }: { doc: { name: string; mime: string; data: string }; onClose(): void; onPage?: (page: number) => void; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  let body: React.ReactNode;
  if (doc.mime === 'application/pdf') body = <PdfView data={doc.data} onPage={onPage} />;
  else if (doc.mime.startsWith('image/')) body = <img alt={doc.name} src={`data:${doc.mime};base64,${doc.data}`} style={{ maxWidth: '100%' }} data-testid="image-preview" />;
  else body = <pre style={{ whiteSpace: 'pre-wrap', maxHeight: '70vh', overflow: 'auto' }}>{new TextDecoder().decode(bytesOf(doc.data))}</pre>;
  return (
    <Modal open width={900} title={`${doc.name} — ${t('docs.readOnly')}`} footer={null} onCancel={onClose} destroyOnHidden data-testid="document-viewer">
      {extra && <div style={{ textAlign: 'right', marginBottom: 8 }}>{extra}</div>}
      <div onContextMenu={(e) => e.preventDefault()}>{body}</div>
    </Modal>
  );
}
