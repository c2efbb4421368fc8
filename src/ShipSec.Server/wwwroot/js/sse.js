// Server-Sent Events over fetch(): EventSource cannot send the Authorization header.
import { API, authHeaders } from './api.js';

/** Splits an SSE byte stream (already decoded to text) into messages {id?, event, data}; comments (keep-alives) are dropped. */
export class SseParser {
  constructor() {
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.event = '';
    this.data = [];
    this.id = undefined;
  }

  /** Feeds a chunk of text; returns the messages it completed. */
  push(chunk) {
    this.buffer += chunk;
    const messages = [];
    let newline;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for the next chunk.
      if (width === 1 && this.buffer[newline] === '\r' && newline === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(newline + width);
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  line(line) {
    if (line === '') {
      const message = this.data.length || this.event ? { id: this.id, event: this.event || 'message', data: this.data.join('\n') } : null;
      this.reset();
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') this.id = value;
    return null;
  }
}

/**
 * Follows a run's live stream (trace, status, complete), resuming after the last trace sequence on every reconnect
 * (Last-Event-ID and ?cursor=) so nothing is missed or repeated. Returns a function that stops following.
 * handlers: onTrace({events, cursor}), onStatus(status), onComplete(body), onError(error), onConnection(state).
 */
export function followRun(runId, cursor, handlers) {
  const controller = new AbortController();
  let lastId = cursor ?? 0;
  let done = false;
  let failures = 0;

  const connect = async () => {
    while (!done) {
      try {
        handlers.onConnection?.('connecting');
        const headers = authHeaders({ Accept: 'text/event-stream' });
        if (lastId) headers['Last-Event-ID'] = String(lastId);
        const response = await fetch(`${API}/workflows/runs/${encodeURIComponent(runId)}/stream?cursor=${lastId}`,
          { headers, signal: controller.signal, cache: 'no-store' });
        if (!response.ok) {
          const hint = response.status === 401 || response.status === 403 ? ' Enter a valid API key in the header’s “API key” field.' : '';
          const error = new Error(`The live stream answered HTTP ${response.status}.${hint}`);
          error.status = response.status;
          throw error;
        }
        handlers.onConnection?.('live');
        failures = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done: ended } = await reader.read();
          if (ended) break;
          for (const message of parser.push(value)) {
            if (message.id) lastId = Number(message.id) || lastId;
            const body = message.data ? JSON.parse(message.data) : null;
            if (message.event === 'trace') handlers.onTrace?.(body);
            else if (message.event === 'status') handlers.onStatus?.(body);
            else if (message.event === 'complete') {
              done = true;
              handlers.onComplete?.(body);
            }
          }
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        failures++;
        // Unknown run, bad cursor, no access: reconnecting cannot help.
        if (error.status >= 400 && error.status < 500) {
          done = true;
          handlers.onError?.(error);
          return;
        }
        handlers.onConnection?.('reconnecting');
      }
      if (!done) await new Promise(resolve => setTimeout(resolve, Math.min(500 * 2 ** Math.min(failures, 4), 8000)));
    }
    handlers.onConnection?.('ended');
  };
  connect();
  return () => {
    done = true;
    controller.abort();
  };
}
