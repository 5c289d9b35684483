/**
 * The probe port's thread: a bare HTTP server on a thread of its own that answers `GET /health/live` and
 * `GET /health/ready` from the last readiness the main thread posted, so an orchestrator's probe is answered at
 * once however busy the main thread is. When the main thread has posted nothing for `staleMs`, its event loop is
 * stalled: readiness is 503 with that reason, and so is liveness, which answers 200 otherwise.
 *
 * It runs as an evaluated worker (no imports beyond Node's own), so it works the same from compiled and test code.
 */
export const PROBE_THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
let last = { ready: false, reasons: { service: 'starting' }, at: Date.now() };
parentPort.on('message', (message) => { if (message && message.type === 'readiness') last = message; });
const json = (response, status, body) => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text) });
  response.end(text);
};
const server = http.createServer((request, response) => {
  const path = (request.url || '').split('?')[0];
  const silentFor = Date.now() - last.at;
  const stalled = silentFor > workerData.staleMs;
  const stall = { mainThread: 'busy for ' + Math.floor(silentFor / 1000) + ' s' };
  if (request.method !== 'GET' && request.method !== 'HEAD') return json(response, 405, { status: 'method not allowed' });
  if (path === '/health/live') return stalled ? json(response, 503, { status: 'unavailable', reasons: stall })
    : json(response, 200, { status: 'ok' });
  if (path === '/health/ready') {
    if (stalled) return json(response, 503, { status: 'unavailable', reasons: stall });
    return last.ready ? json(response, 200, { status: 'ok' })
      : json(response, 503, { status: 'unavailable', reasons: last.reasons });
  }
  json(response, 404, { status: 'not found' });
});
server.on('error', (error) => parentPort.postMessage({ type: 'error', message: error.message }));
server.listen(workerData.port, workerData.host, () =>
  parentPort.postMessage({ type: 'listening', port: server.address().port }));
parentPort.on('message', (message) => { if (message && message.type === 'close') server.close(() => process.exit(0)); });
`;
