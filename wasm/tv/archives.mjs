// Unpacking the TV packages as a TV does: an .ipk is an ar archive whose
// data.tar.gz holds the app, a .wgt a zip. Read here without the vendors' tools:
// ar and zip by hand, tar with the system's tar.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// arMembers reads an ar archive into its members, in order.
export function arMembers(data) {
  if (data.subarray(0, 8).toString('latin1') !== '!<arch>\n') throw new Error('not an ar archive');
  const members = [];
  for (let at = 8; at < data.length;) {
    const header = data.subarray(at, at + 60).toString('latin1');
    if (header.slice(58, 60) !== '`\n') throw new Error(`bad ar header at ${at}: ${JSON.stringify(header)}`);
    const size = Number(header.slice(48, 58).trim());
    members.push({ name: header.slice(0, 16).trim().replace(/\/$/, ''), data: data.subarray(at + 60, at + 60 + size) });
    at += 60 + size + (size % 2);
  }
  return members;
}

// unpackIPK unpacks a webOS package's data into dir and returns its members' names.
export function unpackIPK(file, dir) {
  const members = arMembers(fs.readFileSync(file));
  const data = members.find((m) => m.name === 'data.tar.gz');
  if (!data) throw new Error(`${file}: no data.tar.gz`);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xz', '--no-same-owner', '-C', dir], { input: data.data });
  return members.map((m) => m.name);
}

// unpackWGT unpacks a Tizen widget (a zip, stored or deflated) into dir and returns
// the names of its files, read from its central directory.
export function unpackWGT(file, dir) {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file}: not a zip`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    const body = method === 0 ? raw : zlib.inflateRawSync(raw);
    const to = path.join(dir, name);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, body);
    names.push(name);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}
