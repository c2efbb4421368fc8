// The live run view's state: trace events folded into per-node state, like the server's replay fold.

const MAX_LOG_LINES = 5000;

/** Node state the run view draws: idle, running, retrying, succeeded, failed, skipped, cancelled. */
function emptyNode(nodeId) {
  return { nodeId, status: 'idle', attempt: 0, progress: null, artifacts: [], error: null, durationMs: null, logLines: 0 };
}

export class RunFold {
  constructor(nodeIds) {
    this.nodes = new Map(nodeIds.map(id => [id, emptyNode(id)]));
    this.logs = [];
    this.artifacts = [];
    this.lastSequence = 0;
    this.runStatus = null;
  }

  node(nodeId) {
    if (!this.nodes.has(nodeId)) this.nodes.set(nodeId, emptyNode(nodeId));
    return this.nodes.get(nodeId);
  }

  /** Applies events in sequence order; events at or below the last applied sequence are ignored (a resumed stream). */
  apply(events) {
    const changed = new Set();
    for (const event of events) {
      if (event.sequence <= this.lastSequence) continue;
      this.lastSequence = event.sequence;
      const data = event.data ?? {};
      if (event.type === 'WORKFLOW_STATUS') {
        this.runStatus = data.status ?? this.runStatus;
        continue;
      }
      if (!event.nodeId) continue;
      const node = this.node(event.nodeId);
      changed.add(event.nodeId);
      switch (event.type) {
        case 'NODE_STARTED':
          node.status = 'running';
          node.attempt = Math.max(node.attempt, event.attempt ?? data.attempt ?? 1);
          node.progress = null;
          node.error = null;
          break;
        case 'NODE_LOG':
          node.logLines++;
          this.logs.push({ sequence: event.sequence, nodeId: event.nodeId, level: event.level, stream: data.stream ?? 'module',
            line: data.line ?? event.message ?? '', timestamp: event.timestamp });
          if (this.logs.length > MAX_LOG_LINES) this.logs.splice(0, this.logs.length - MAX_LOG_LINES);
          break;
        case 'NODE_PROGRESS':
          node.progress = { current: data.current, total: data.total, unit: data.unit, message: data.message ?? event.message ?? '' };
          break;
        case 'NODE_ARTIFACT': {
          const artifact = { id: data.artifactId, nodeId: event.nodeId, name: data.name, contentType: data.contentType, size: data.size };
          node.artifacts.push(artifact);
          this.artifacts.push(artifact);
          break;
        }
        case 'NODE_COMPLETED':
          node.status = 'succeeded';
          node.durationMs = data.durationMs ?? null;
          node.error = null;
          break;
        case 'NODE_FAILED':
          node.error = data.error ?? { message: event.message };
          if (data.willRetry) node.status = 'retrying';
          else node.status = node.error?.type === 'CancelledError' ? 'cancelled' : 'failed';
          break;
        case 'NODE_SKIPPED':
          node.status = 'skipped';
          node.skipReason = data.reason ?? event.message;
          break;
        default:
          break;
      }
    }
    return changed;
  }
}
