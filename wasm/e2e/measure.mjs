// What the measurements (tvcpu.mjs, firstframe.mjs) share: their flags, and a plain
// static server: files as they are on disk, uncompressed, on a free loopback port,
// so that what is measured is the page and not the server.

import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

// arg returns the value after -name on the command line, or fallback.
export function arg(name, fallback) {
  const i = process.argv.indexOf(`-${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

// serveFiles answers each request with the file fileFor names for its decoded path,
// or 404 if it names none or the file cannot be read. It resolves to the server.
export function serveFiles(fileFor) {
  const server = http.createServer(async (req, res) => {
    const file = fileFor(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    try {
      if (!file) throw new Error('no such file');
      const body = await fs.readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
