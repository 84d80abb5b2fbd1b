// A tiny static file server for the release build (dist/), as any static
// host would serve it: loopback only, a free port chosen by the OS, correct
// MIME types (application/wasm lets the browser stream-compile the module).
// It remembers every path requested so the benchmark can add up what the
// first load transferred.
//
// As a module: `const server = await serveStatic('dist'); … await server.close();`
// From the command line: `node tests/e2e/lib/server.mjs dist [port]`.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Content types by file extension; anything else is application/octet-stream. */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `root` on 127.0.0.1. Resolves to
 * `{ url, port, requests, close() }` where `requests` lists
 * `{ path, file, status, bytes }` for every request answered.
 */
export async function serveStatic(root, port = 0) {
  const base = path.resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    const entry = { path: req.url, file: null, status: 0, bytes: 0 };
    requests.push(entry);
    try {
      const urlPath = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      let file = path.join(base, path.normalize(urlPath));
      // Never serve anything outside root (e.g. /../../etc/passwd).
      if (file !== base && !file.startsWith(base + path.sep)) {
        return send(res, entry, 403, 'text/plain', 'forbidden');
      }
      const info = await stat(file).catch(() => null);
      if (info?.isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file).catch(() => null);
      if (body === null) return send(res, entry, 404, 'text/plain', 'not found');
      entry.file = path.relative(base, file);
      const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      send(res, entry, 200, type, req.method === 'HEAD' ? null : body, body.length);
    } catch (err) {
      send(res, entry, 500, 'text/plain', String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res, entry, status, type, body, length) {
  entry.status = status;
  entry.bytes = length ?? (body ? Buffer.byteLength(body) : 0);
  res.writeHead(status, {
    'content-type': type,
    'content-length': entry.bytes,
    'cache-control': 'no-store',
  });
  res.end(body ?? undefined);
}

// Command-line use: serve a folder until interrupted.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = 'dist', port = '8080'] = process.argv.slice(2);
  const server = await serveStatic(root, Number(port));
  console.log(`serving ${path.resolve(root)} on ${server.url} (Ctrl-C stops)`);
}
