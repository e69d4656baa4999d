import { Button, Flex, InputNumber, Spin, Tooltip, Typography } from 'antd';
import { AppstoreOutlined, ColumnWidthOutlined, LeftOutlined, RightOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
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

export function bytesOf(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
/** Thumbnails are drawn for the first pages only: a 500-page contract should not render 500 canvases. */
const MAX_THUMBNAILS = 60;

/** One page drawn on a canvas at a scale (CSS pixels per PDF point). */
function PageCanvas({ doc, page, scale, testId, onDrawn }: { doc: pdfjs.PDFDocumentProxy; page: number; scale: number; testId?: string; onDrawn?: (page: number) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void } | null = null;
    void doc.getPage(page).then((p) => {
      if (cancelled || !canvas.current) return;
      const viewport = p.getViewport({ scale });
      const el = canvas.current;
      el.width = Math.floor(viewport.width);
      el.height = Math.floor(viewport.height);
      const render = p.render({ canvasContext: el.getContext('2d')!, viewport });
      task = render;
      render.promise.then(() => !cancelled && onDrawn?.(page), () => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page, scale, onDrawn]);
  return <canvas ref={canvas} data-testid={testId} style={{ display: 'block', boxShadow: '0 1px 4px rgba(0,0,0,.2)', background: '#fff' }} />;
}

/**
 * PDF pages drawn by pdf.js on a canvas — no plugin, no file on disk, nothing to save or print from —
 * with the toolbar a reviewer expects (issue 17): previous/next, a page number to jump to, zoom,
 * fit to the window's width, thumbnails; PgUp/PgDn, Home and End turn pages.
 */
export function PdfViewer({ data, onPage }: { data: string; onPage?: (page: number) => void }) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<pdfjs.PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [scale, setScale] = useState(1.25);
  const [thumbs, setThumbs] = useState(false);
  const [typed, setTyped] = useState<number | null>(1);
  const area = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const task = pdfjs.getDocument({ data: bytesOf(data), isEvalSupported: false, CMapReaderFactory: InlineCMapReader, cMapUrl: 'inline/', cMapPacked: true, useWorkerFetch: false });
    void task.promise.then(setDoc, () => setDoc(null));
    return () => void task.destroy();
  }, [data]);
  const pages = doc?.numPages ?? 1;
  const go = useCallback((n: number) => setPage(Math.min(Math.max(1, Math.round(n)), pages)), [pages]);
  useEffect(() => setTyped(page), [page]);
  // Reported once a page is on screen (the data room records which pages a reviewer saw); zooming
  // redraws the same page, which is not a new page seen.
  const onPageRef = useRef(onPage);
  onPageRef.current = onPage;
  const reported = useRef(0);
  const drawn = useCallback((p: number) => {
    if (p === reported.current) return;
    reported.current = p;
    onPageRef.current?.(p);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      const to = { PageDown: page + 1, PageUp: page - 1, Home: 1, End: pages }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      go(to);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [page, pages, go]);

  const fitWidth = async () => {
    if (!doc || !area.current) return;
    const width = (await doc.getPage(page)).getViewport({ scale: 1 }).width;
    setScale(Math.max(0.25, (area.current.clientWidth - 24) / width));
  };
  const zoom = (dir: 1 | -1) => setScale((s) => (dir > 0 ? ZOOMS.find((z) => z > s + 0.01) ?? s : [...ZOOMS].reverse().find((z) => z < s - 0.01) ?? s));

  if (!doc) return <Spin />;
  return (
    <Flex vertical gap={8} data-testid="pdf-viewer">
      <Flex gap={8} align="center" wrap justify="center" data-testid="pdf-toolbar" role="toolbar" aria-label={t('dataroom.viewer.toolbar')}>
        <Tooltip title={t('dataroom.viewer.thumbnails')}>
          <Button icon={<AppstoreOutlined />} type={thumbs ? 'primary' : 'default'} onClick={() => setThumbs((v) => !v)} aria-label={t('dataroom.viewer.thumbnails')} aria-pressed={thumbs} data-testid="pdf-thumbnails-toggle" />
        </Tooltip>
        <Button icon={<LeftOutlined />} disabled={page <= 1} onClick={() => go(page - 1)} aria-label={t('dataroom.viewer.previous')} data-testid="pdf-previous" />
        <Typography.Text data-testid="pdf-page">{t('docs.page', { page, pages })}</Typography.Text>
        <Button icon={<RightOutlined />} disabled={page >= pages} onClick={() => go(page + 1)} aria-label={t('dataroom.viewer.next')} data-testid="pdf-next" />
        <Flex align="center" gap={4}>
          <Typography.Text type="secondary">{t('dataroom.viewer.pageInput')}</Typography.Text>
          <InputNumber size="small" min={1} max={pages} precision={0} value={typed} style={{ width: 64 }} onChange={(v) => setTyped(v)}
            onPressEnter={() => typed !== null && go(typed)} onBlur={() => typed !== null && go(typed)} aria-label={t('dataroom.viewer.pageInput')} data-testid="pdf-page-input" />
        </Flex>
        <Button icon={<ZoomOutOutlined />} disabled={scale <= ZOOMS[0]!} onClick={() => zoom(-1)} aria-label={t('dataroom.viewer.zoomOut')} data-testid="pdf-zoom-out" />
        <Typography.Text style={{ minWidth: 48, textAlign: 'center' }} data-testid="pdf-zoom">{Math.round(scale * 100)}%</Typography.Text>
        <Button icon={<ZoomInOutlined />} disabled={scale >= ZOOMS[ZOOMS.length - 1]!} onClick={() => zoom(1)} aria-label={t('dataroom.viewer.zoomIn')} data-testid="pdf-zoom-in" />
        <Button icon={<ColumnWidthOutlined />} onClick={() => void fitWidth()} data-testid="pdf-fit-width">{t('dataroom.viewer.fitWidth')}</Button>
      </Flex>
      <Typography.Text type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>{t('dataroom.viewer.keys')}</Typography.Text>
      <Flex gap={12} align="start">
        {thumbs && (
          <div style={{ flex: '0 0 112px', maxHeight: '65vh', overflowY: 'auto', padding: 4 }} data-testid="pdf-thumbnails" aria-label={t('dataroom.viewer.thumbnails')}>
            {Array.from({ length: Math.min(pages, MAX_THUMBNAILS) }, (_, i) => (
              <button key={i} type="button" onClick={() => go(i + 1)} aria-label={t('dataroom.viewer.goTo', { page: i + 1 })} aria-current={page === i + 1 ? 'page' : undefined}
                style={{ display: 'block', margin: '0 auto 8px', padding: 2, cursor: 'pointer', background: 'none', border: page === i + 1 ? '2px solid #1f5fa8' : '2px solid transparent', borderRadius: 4 }}
                data-testid="pdf-thumbnail">
                <PageCanvas doc={doc} page={i + 1} scale={0.15} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i + 1}</Typography.Text>
              </button>
            ))}
          </div>
        )}
        <div ref={area} style={{ flex: '1 1 auto', minWidth: 0, maxHeight: '70vh', overflow: 'auto', display: 'flex', justifyContent: 'safe center' }} data-testid="pdf-area">
          <PageCanvas doc={doc} page={page} scale={scale} testId="pdf-canvas" onDrawn={drawn} />
        </div>
      </Flex>
    </Flex>
  );
}
