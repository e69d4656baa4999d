import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Write CRM exports the way seller staff really have them. */
export function csvText(rows: string[][], delimiter = ','): string {
  const cell = (v: string) => (/[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(delimiter)).join('\r\n') + '\r\n';
}

export function writeGbk(dir: string, name: string, text: string): string {
  // Node's TextEncoder is UTF-8 only: encode GB18030 via a decode table built from TextDecoder.
  const table = gbkEncoder();
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const enc = table.get(ch);
      if (!enc) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...enc);
    }
  }
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(bytes));
  return file;
}

let cache: Map<string, number[]> | null = null;
function gbkEncoder(): Map<string, number[]> {
  if (cache) return cache;
  cache = new Map();
  const dec = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && ch !== '\ufffd' && !cache.has(ch)) cache.set(ch, [hi, lo]);
    }
  }
  return cache;
}

export const MESSY_HEADERS = ['客户编号', '客户名称', '联系人', '手机', '邮箱', '区域', '城市', '地址', '年收入', '合作开始日期', '备注'];

/** A messy export: good rows, bad phones/e-mails/dates, a missing name, duplicates, a formula cell, a multi-line address. */
export function messyRows(): string[][] {
  return [
    MESSY_HEADERS,
    ['C001', '上海华东电子有限公司', '张伟', '138-0013-8000', 'zhangwei@163.com', '华东', '上海', '浦东新区\n世纪大道100号', '￥1.2万', '2019年7月3日', ''],
    ['C002', '杭州恒信贸易有限公司', '王芳', '+86 139 1234 5678', 'wang.fang@example.cn', '华东', '杭州', '西湖区文三路1号', '1,234,567.00', '2019/7/3', ''],
    ['C003', '', '李娜', '13712345678', 'lina@example.cn', '华南', '广州', '', '100', '2020-01-01', ''],
    ['C004', '深圳鑫源科技有限公司', '赵磊', '12345', 'not-an-email', '华南', '深圳', '', 'abc', '03/07/2019', ''],
    ['C005', '成都宏达物流有限公司', '刘洋', '028-85551234', 'liuyang@example.cn', '西南', '成都', '', '3亿', '20180101', '=HYPERLINK("http://x","y")'],
    ['C001', '上海华东电子有限公司', '张伟', '13800138000', 'zhangwei@163.com', '华东', '上海', '更新后的地址', '2万', '2019-07-03', ''],
    ['', '北京佳美文化有限公司', '陈静', '13900001111', '', '华北', '北京', '', '', '', '@SUM(1,2)'],
  ];
}
