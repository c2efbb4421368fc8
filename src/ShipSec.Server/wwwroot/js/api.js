// The /api/v1 client. Every request carries the API key the user entered (Settings), and no Authorization header without one.

const KEY_STORAGE = 'shipsec.studio.apiKey';
export const API = '/api/v1';

export function apiKey() {
  return localStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key) {
  if (key) localStorage.setItem(KEY_STORAGE, key);
  else localStorage.removeItem(KEY_STORAGE);
}

export function authHeaders(extra = {}) {
  const key = apiKey();
  return key ? { ...extra, Authorization: `Bearer ${key}` } : { ...extra };
}

/** A failed request; problem holds the RFC 7807 body when the server sent one (with its per-node / per-field errors). */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    const hint = status === 401 || status === 403 ? ' Enter a valid API key in the header’s “API key” field.' : '';
    super((problem?.detail || problem?.title || fallback) + hint);
    this.status = status;
    this.problem = problem;
  }

  /** The problem's errors as a list of {message, nodeId?, edgeId?, field?, inputId?, code?}. */
  get errors() {
    const errors = this.problem?.errors;
    if (Array.isArray(errors)) return errors;
    if (errors && typeof errors === 'object') {
      return Object.entries(errors).flatMap(([field, messages]) => [].concat(messages).map(message => ({ field, message })));
    }
    return [];
  }
}

async function request(method, path, body, headers = {}) {
  const init = { method, headers: authHeaders({ Accept: 'application/json', ...headers }) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(API + path, init);
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    throw new ApiError(response.status, json, `${method} ${path} failed with HTTP ${response.status}.`);
  }
  return json;
}

const enc = encodeURIComponent;

export const api = {
  components: () => request('GET', '/components'),
  workflows: () => request('GET', '/workflows'),
  workflow: id => request('GET', `/workflows/${enc(id)}`),
  workflowVersion: (id, version) => request('GET', `/workflows/${enc(id)}/versions/${enc(version)}`),
  createWorkflow: graph => request('POST', '/workflows', graph),
  updateWorkflow: (id, graph) => request('PUT', `/workflows/${enc(id)}`, graph),
  deleteWorkflow: id => request('DELETE', `/workflows/${enc(id)}`),
  commitWorkflow: id => request('POST', `/workflows/${enc(id)}/commit`),
  runWorkflow: (id, inputs) => request('POST', `/workflows/${enc(id)}/run`, { inputs }),
  runs: (workflowId, limit = 50, status = '') =>
    request('GET', `/workflows/runs?limit=${limit}${workflowId ? `&workflowId=${enc(workflowId)}` : ''}${status ? `&status=${enc(status)}` : ''}`)
      .then(page => page.runs ?? page),
  run: runId => request('GET', `/workflows/runs/${enc(runId)}`),
  status: runId => request('GET', `/workflows/runs/${enc(runId)}/status`),
  trace: (runId, after, limit = 1000) => request('GET', `/workflows/runs/${enc(runId)}/trace?after=${after}&limit=${limit}`),
  nodeIo: (runId, nodeId) => request('GET', `/workflows/runs/${enc(runId)}/node-io/${enc(nodeId)}`),
  artifacts: runId => request('GET', `/workflows/runs/${enc(runId)}/artifacts`).then(list => list.artifacts ?? list),
  cancel: runId => request('POST', `/workflows/runs/${enc(runId)}/cancel`),
  stateAt: (runId, sequence, logLines = 20) =>
    request('GET', `/workflows/runs/${enc(runId)}/state?sequence=${sequence}&logLines=${logLines}`),
  diff: (runId, otherRunId) => request('GET', `/workflows/runs/${enc(runId)}/diff/${enc(otherRunId)}`),
};

/**
 * Downloads an artifact with the API key (a plain link could not send the header) and hands it to the browser as a file.
 */
export async function downloadArtifact(runId, artifact) {
  const response = await fetch(artifactUrl(runId, artifact.id ?? artifact.artifactId), { headers: authHeaders() });
  if (!response.ok) throw new ApiError(response.status, null, `Download of ${artifact.name} failed with HTTP ${response.status}.`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = artifact.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

export function artifactUrl(runId, artifactId) {
  return `${API}/workflows/runs/${enc(runId)}/artifacts/${enc(artifactId)}/download`;
}
