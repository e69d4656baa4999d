import { strToU8, zipSync } from 'fflate';
import { neutralizeCsvCell } from '../../../shared/clients/normalize';

/**
 * A minimal XLSX writer (ECMA-376 Part 1, SpreadsheetML): one sheet of strings and numbers, a bold
 * frozen header row. An .xlsx is a zip of XML parts; this writes the six a spreadsheet needs and
 * nothing else (no formulas, no macros, no external links). Strings go to the shared-strings part and
 * get the same formula neutralisation as our CSV cells, so a cell that reaches a CSV again, or a
 * spreadsheet that evaluates text, never runs `=HYPERLINK(...)`.
 */
export type XlsxCell = string | number | null | undefined;

/** Excel's limit on a cell's text (ECMA-376 leaves it open; Excel refuses longer text). */
export const XLSX_MAX_CELL_CHARS = 32_767;

/** Column letters of a 0-based index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Text for a <t> element. XML 1.0 cannot carry most control characters, and a parser turns CR into LF;
 * OOXML's own escape `_xHHHH_` carries them (§22.9.2.19 ST_Xstring), so a literal `_xHHHH_` in the text
 * gets its underscore escaped first, and every reader gives back the text that went in.
 */
export function xmlText(text: string): string {
  return text
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML cannot carry
    .replace(/[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
}

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, not empty. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet1';
}

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const CONTENT_TYPES = `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  + '<Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
  + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
  + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
  + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
  + '</Types>';

const ROOT_RELS = `${HEAD}<Relationships xmlns="${PKG_REL_NS}">`
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
  + '</Relationships>';

const WORKBOOK_RELS = `${HEAD}<Relationships xmlns="${PKG_REL_NS}">`
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
  + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
  + '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
  + '</Relationships>';

/** Style 0: plain; style 1: bold (the header row). */
const STYLES = `${HEAD}<styleSheet xmlns="${MAIN_NS}">`
  + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
  + '</styleSheet>';

/** The bytes of an .xlsx with one sheet: `rows[0]` is the header (bold, frozen). */
export function xlsxWorkbook(name: string, rows: readonly (readonly XlsxCell[])[]): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const shared = (text: string): number => {
    let i = index.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      index.set(text, i);
    }
    return i;
  };
  const widths: number[] = [];
  const sheetRows = rows.map((row, r) => {
    const cells = row.map((value, c) => {
      if (value === null || value === undefined || value === '') return '';
      const ref = `${columnName(c)}${r + 1}`;
      const style = r === 0 ? ' s="1"' : '';
      if (typeof value === 'number' && Number.isFinite(value)) {
        widths[c] = Math.max(widths[c] ?? 0, String(value).length);
        return `<c r="${ref}"${style}><v>${value}</v></c>`;
      }
      const text = neutralizeCsvCell(String(value)).slice(0, XLSX_MAX_CELL_CHARS);
      // CJK characters are about two columns wide.
      widths[c] = Math.max(widths[c] ?? 0, [...text.slice(0, 60)].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0));
      return `<c r="${ref}"${style} t="s"><v>${shared(text)}</v></c>`;
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  const cols = widths.length
    ? `<cols>${Array.from(widths, (w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(60, Math.max(8, (w ?? 0) + 2))}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const sheet = `${HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`
    + '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    + `${cols}<sheetData>${sheetRows.join('')}</sheetData></worksheet>`;
  const sst = `${HEAD}<sst xmlns="${MAIN_NS}" count="${strings.length}" uniqueCount="${strings.length}">`
    + strings.map((s) => `<si><t xml:space="preserve">${xmlText(s)}</t></si>`).join('')
    + '</sst>';
  const workbook = `${HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${xmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  // A fixed time for every entry: the same rows give the same bytes.
  const mtime = new Date('2000-01-01T00:00:00Z');
  const part = (xml: string): [Uint8Array, { mtime: Date }] => [strToU8(xml), { mtime }];
  return zipSync({
    '[Content_Types].xml': part(CONTENT_TYPES),
    '_rels/.rels': part(ROOT_RELS),
    'xl/workbook.xml': part(workbook),
    'xl/_rels/workbook.xml.rels': part(WORKBOOK_RELS),
    'xl/worksheets/sheet1.xml': part(sheet),
    'xl/sharedStrings.xml': part(sst),
    'xl/styles.xml': part(STYLES),
  }, { level: 6 });
}
