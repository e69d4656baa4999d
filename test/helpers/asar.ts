import { closeSync, openSync, readSync } from 'node:fs';

export interface AsarEntry {
  size?: number;
  /** Where the file's bytes start, after the header (a decimal string). */
  offset?: string;
  unpacked?: boolean;
  files?: Record<string, AsarEntry>;
}

/**
 * The file list of an asar archive, read from its header: a Chromium pickle
 * (uint32 4, uint32 header size) and then a pickle holding the JSON tree
 * (uint32 payload size, uint32 string length, the string). Read by hand so the
 * test needs nothing beyond what it checks.
 */
export function listAsar(file: string): Map<string, AsarEntry> {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    const length = head.readUInt32LE(12);
    const json = Buffer.alloc(length);
    readSync(fd, json, 0, length, 16);
    const root = JSON.parse(json.toString('utf8')) as AsarEntry;
    const out = new Map<string, AsarEntry>();
    const walk = (dir: AsarEntry, prefix: string) => {
      for (const [name, entry] of Object.entries(dir.files ?? {})) {
        const path = `${prefix}${name}`;
        if (entry.files) walk(entry, `${path}/`);
        else out.set(path, entry);
      }
    };
    walk(root, '');
    return out;
  } finally {
    closeSync(fd);
  }
}

/** One packed (not unpacked) file's bytes. */
export function readAsarFile(file: string, path: string): Buffer {
  const entry = listAsar(file).get(path);
  if (!entry || entry.unpacked || entry.offset === undefined || entry.size === undefined) throw new Error(`${path} is not packed in ${file}`);
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    const out = Buffer.alloc(entry.size);
    readSync(fd, out, 0, entry.size, 8 + head.readUInt32LE(4) + Number(entry.offset));
    return out;
  } finally {
    closeSync(fd);
  }
}
