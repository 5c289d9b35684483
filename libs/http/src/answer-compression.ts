import { gzipSync } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance } from 'fastify';
import { isSharedAnswer, serializeAnswer } from './shared-answers.js';

/** Shared answers smaller than this go as they are: compressing them saves less than the header costs. */
const MIN_BYTES = 1024;

const compressed = new WeakMap<object, Buffer>();
const chosen = new WeakMap<object, Buffer>();

/** A shared answer's JSON, gzipped once and kept beside it for as long as the answer lives. */
export function gzippedAnswer(answer: object): Buffer {
  let body = compressed.get(answer);
  if (body === undefined) {
    body = gzipSync(serializeAnswer(answer));
    compressed.set(answer, body);
  }
  return body;
}

/**
 * Shared answers (KPI reports served from the answer cache) go gzipped to clients that accept it, as browsers and
 * the dashboard do: the answer is compressed once, when first asked for, and every later request sends the same
 * bytes. Any other answer, or a client that does not accept gzip, gets plain JSON as before.
 */
export function compressSharedAnswers(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (request, reply, payload, done) => {
    if (isSharedAnswer(payload)) {
      const vary = reply.getHeader('vary');
      // Added to what is there (CORS varies by Origin).
      void reply.header('vary', vary === undefined ? 'accept-encoding' : `${String(vary)}, accept-encoding`);
      const accepted = request.headers['accept-encoding'];
      if (typeof accepted === 'string' && negotiate(accepted, ['gzip']) === 'gzip') {
        const text = serializeAnswer(payload);
        if (text.length >= MIN_BYTES) chosen.set(request, gzippedAnswer(payload));
      }
    }
    done(null, payload);
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const body = chosen.get(request);
    if (body === undefined) {
      done(null, payload);
      return;
    }
    chosen.delete(request);
    void reply.header('content-encoding', 'gzip');
    done(null, body);
  });
}
