import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualColumn<T> {
  key: string;
  title: ReactNode;
  width: number | string;
  sortable?: boolean;
  render(row: T): ReactNode;
}

interface Props<T> {
  /** Changes whenever the query changes: the list drops its cache and scrolls to the top. */
  queryKey: string;
  total: number;
  /**
   * The first page, from the same call that gave `total` (null while it is on its way): one typed search
   * is one call to the core and one entry in the access log. Later pages are fetched as the user scrolls.
   */
  firstPage: T[] | null;
  fetchPage(offset: number, limit: number): Promise<T[]>;
  columns: VirtualColumn<T>[];
  rowKey(row: T): string | number;
  onOpen(row: T): void;
  sort: { key: string; order: 'asc' | 'desc' };
  onSort(key: string): void;
  height: number;
  label: string;
}

const ROW = 44;
/** Rows per call; the page that owns the list asks for its first page with this limit. */
export const PAGE = 200;
const OVERSCAN = 8;

/**
 * A windowed list for very long results (100,000 clients): only the visible
 * rows exist in the DOM, and rows arrive from the core a page at a time as the
 * user scrolls. ↑/↓ move the selection, Enter opens it.
 */
export function VirtualList<T>(props: Props<T>) {
  const { queryKey, total, firstPage, fetchPage, columns, height } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const [rows, setRows] = useState<Map<number, T>>(new Map());
  const [selected, setSelected] = useState(-1);
  const pending = useRef(new Set<number>());
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const generation = useRef(0);

  useEffect(() => {
    generation.current++;
    pending.current.clear();
    setRows(new Map());
    setSelected(-1);
    setScrollTop(0);
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [queryKey]);

  useEffect(() => {
    if (!firstPage) return;
    setRows((prev) => {
      const next = new Map(prev);
      firstPage.forEach((r, i) => next.set(i, r));
      return next;
    });
  }, [firstPage]);

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);

  const load = useCallback(
    (page: number) => {
      // Page 0 comes with the total, from the page that owns the list.
      if (page === 0 || pending.current.has(page)) return;
      pending.current.add(page);
      const gen = generation.current;
      void fetchPage(page * PAGE, PAGE).then((got) => {
        if (gen !== generation.current) return;
        setRows((prev) => {
          const next = new Map(prev);
          got.forEach((r, i) => next.set(page * PAGE + i, r));
          return next;
        });
      });
    },
    [fetchPage],
  );

  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) if (!rows.has(p * PAGE)) load(p);
  }, [first, last, rows, load, queryKey]);

  const onKey = (e: KeyboardEvent) => {
    if (total === 0) return;
    let next = selected;
    if (e.key === 'ArrowDown') next = Math.min(total - 1, selected + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, selected - 1);
    else if (e.key === 'PageDown') next = Math.min(total - 1, selected + Math.floor(height / ROW));
    else if (e.key === 'PageUp') next = Math.max(0, selected - Math.floor(height / ROW));
    else if (e.key === 'Enter' && selected >= 0) {
      const row = rows.get(selected);
      if (row) props.onOpen(row);
      return;
    } else return;
    e.preventDefault();
    setSelected(next);
    const el = scroller.current;
    if (el) {
      if (next * ROW < el.scrollTop) el.scrollTop = next * ROW;
      else if ((next + 1) * ROW > el.scrollTop + height - ROW) el.scrollTop = (next + 2) * ROW - height;
    }
  };

  const template = columns.map((c) => (typeof c.width === 'number' ? `${c.width}px` : c.width)).join(' ');
  // Narrower than its columns' minimum, the list scrolls sideways (the first column stays, styles.css)
  // instead of clipping the last columns.
  const minWidth = columns.reduce((w, c) => w + (typeof c.width === 'number' ? c.width : Number(/minmax\((\d+)px/.exec(c.width)?.[1] ?? 100)), 0);
  const items: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const row = rows.get(i);
    items.push(
      <div
        key={row ? props.rowKey(row) : `p${i}`}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={i === selected}
        className={`vl-row${i === selected ? ' vl-selected' : ''}`}
        style={{ top: i * ROW, height: ROW, gridTemplateColumns: template }}
        onClick={() => {
          setSelected(i);
          if (row) props.onOpen(row);
        }}
        data-testid="client-row"
      >
        {row ? columns.map((c) => <div key={c.key} role="cell" className="vl-cell">{c.render(row)}</div>) : <div className="vl-cell vl-loading">…</div>}
      </div>,
    );
  }
  return (
    <div role="table" aria-label={props.label} aria-rowcount={total + 1} className="vl">
      <div className="vl-head-scroll" ref={head}>
      <div role="row" className="vl-head" style={{ gridTemplateColumns: template, minWidth }}>
        {columns.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            className={`vl-cell${c.sortable ? ' vl-sortable' : ''}`}
            aria-sort={props.sort.key === c.key ? (props.sort.order === 'asc' ? 'ascending' : 'descending') : undefined}
            onClick={() => c.sortable && props.onSort(c.key)}
          >
            {c.title}
            {props.sort.key === c.key && (props.sort.order === 'asc' ? <CaretUpOutlined /> : <CaretDownOutlined />)}
          </div>
        ))}
      </div>
      </div>
      <div ref={scroller} className="vl-body" style={{ height }} tabIndex={0} onKeyDown={onKey} onScroll={(e) => {
        setScrollTop(e.currentTarget.scrollTop);
        if (head.current) head.current.scrollLeft = e.currentTarget.scrollLeft;
      }} data-testid="client-list">
        <div style={{ height: total * ROW, position: 'relative', minWidth }}>{items}</div>
      </div>
    </div>
  );
}
