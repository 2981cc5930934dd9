// A stand-in for the language server, for bench/latency.mjs: it speaks just enough LSP over stdio to be typed
// into, and answers every didChange at once with one diagnostic list (a JSON file given as its argument),
// encoded once at start. Timed like the real server, it shows what the protocol and the client cost for a list
// of that size with no checking at all: the floor under the keystroke latency.
//
//   node bench/standin-server.cjs <diagnostics.json>
'use strict';
const fs = require('node:fs');

const list = fs.readFileSync(process.argv[2], 'utf8');
let uri = '';
let pending = Buffer.alloc(0);

function send(body) {
  const b = Buffer.from(body, 'utf8');
  // One buffer per message, header and body, as the real server writes them (server/src/convert.ts).
  process.stdout.write(Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'ascii'), b]));
}

function publish(version) {
  send(`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":${JSON.stringify(uri)},"version":${version},"diagnostics":${list}}}`);
}

function handle(m) {
  if (m.method === 'initialize') send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { capabilities: { textDocumentSync: 2 } } }));
  else if (m.method === 'shutdown') send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: null }));
  else if (m.method === 'exit') process.exit(0);
  else if (m.method === 'textDocument/didOpen') {
    uri = m.params.textDocument.uri;
    publish(m.params.textDocument.version);
  } else if (m.method === 'textDocument/didChange') publish(m.params.textDocument.version);
}

process.stdin.on('data', (chunk) => {
  pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  for (;;) {
    const end = pending.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(pending.subarray(0, end).toString('ascii'))?.[1]);
    if (!(length >= 0) || pending.length < end + 4 + length) return;
    const body = pending.subarray(end + 4, end + 4 + length).toString('utf8');
    pending = pending.subarray(end + 4 + length);
    handle(JSON.parse(body));
  }
});
