// A run: its graph coloured live from the SSE trace, logs, progress, artifacts, cancel; replay of any moment; diff with another run.
import { api, artifactUrl, apiKey, downloadArtifact } from '../api.js';
import { h, s, mount, statusBadge, progressBar, formatDuration, formatTime, formatBytes } from '../dom.js';
import { drawRunGraph } from '../graph.js';
import { RunFold } from '../runFold.js';
import { followRun } from '../sse.js';

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);
const MAX_LOG_ELEMENTS = 2000;

export async function runView(root, runId, { signal, notify }) {
  mount(root, h('p', { class: 'muted' }, 'Loading run…'));
  const run = await api.run(runId);
  const graph = await api.workflowVersion(run.workflowId, run.workflowVersion);
  const fold = new RunFold(graph.nodes.map(node => node.id));
  const labels = new Map(graph.nodes.map(node => [node.id, node.data?.label || node.id]));
  const types = new Map(graph.nodes.map(node => [node.id, node.type]));

  let selected = null;
  let mode = 'live';
  let replayState = null;
  let status = { status: run.status };

  const svg = s('svg', { class: 'graph', id: 'run-graph', role: 'group', 'aria-label': 'Workflow graph' });
  const statusEl = h('span', { id: 'run-status' });
  const progressEl = h('span', { id: 'run-progress', class: 'muted' });
  const connectionEl = h('span', { id: 'connection', class: 'muted' });
  const failureEl = h('div', { id: 'run-failure', class: 'failure', hidden: true });
  const cancelButton = h('button', { id: 'cancel-run', type: 'button', class: 'danger', onClick: cancel }, 'Cancel run');
  const nodeDetail = h('div', { id: 'node-detail' });
  const artifactList = h('ul', { id: 'artifacts', class: 'artifacts' });
  const logFilter = h('select', { id: 'log-filter', 'aria-label': 'Show logs of', onChange: () => { selectNode(logFilter.value || null); } },
    h('option', { value: '' }, 'All nodes'),
    graph.nodes.map(node => h('option', { value: node.id }, labels.get(node.id))));
  const logList = h('ol', { id: 'log-lines', class: 'log-lines', 'aria-live': 'off' });
  const logTitle = h('h2', {}, 'Logs');

  const slider = h('input', { id: 'replay-slider', type: 'range', min: 1, max: 1, value: 1, step: 1, 'aria-label': 'Replay position (event sequence)', disabled: true });
  const sequenceInput = h('input', { id: 'replay-sequence', type: 'number', min: 1, value: 1, 'aria-label': 'Event sequence', class: 'narrow' });
  const replayText = h('span', { id: 'replay-text', class: 'muted' }, 'Live');
  const liveButton = h('button', { id: 'replay-live', type: 'button', onClick: goLive, disabled: true }, 'Back to live');
  const diffSelect = h('select', { id: 'diff-run', 'aria-label': 'Run to compare with' });
  const diffResult = h('div', { id: 'diff-result' });

  const view = drawRunGraph(svg, graph, { onSelect: nodeId => selectNode(selected === nodeId ? null : nodeId) });

  mount(root,
    h('div', { class: 'page-head' },
      h('h1', {}, 'Run ', h('code', {}, runId)),
      h('p', {}, 'Workflow ', h('a', { href: `#/workflows/${encodeURIComponent(run.workflowId)}` }, run.workflowName || run.workflowId),
        ` (version ${run.workflowVersion})`, ' · started ', formatTime(run.startTime))),
    h('div', { class: 'toolbar' }, statusEl, progressEl, connectionEl, h('span', { class: 'spacer' }), cancelButton),
    failureEl,
    h('div', { class: 'run-layout' },
      h('section', { class: 'panel graph-panel', 'aria-label': 'Graph' },
        svg,
        h('div', { class: 'replay', role: 'group', 'aria-label': 'Replay' },
          h('label', { for: 'replay-slider' }, 'Replay'), slider, sequenceInput, liveButton, replayText)),
      h('aside', { class: 'side' },
        h('section', { class: 'panel' }, h('h2', {}, 'Node'), nodeDetail),
        h('section', { class: 'panel' }, h('h2', {}, 'Artifacts'), artifactList))),
    h('section', { class: 'panel logs' },
      h('div', { class: 'panel-head' }, logTitle, h('label', {}, 'Show ', logFilter))),
    h('section', { class: 'panel diff' },
      h('div', { class: 'panel-head' }, h('h2', {}, 'Compare with another run'),
        h('label', {}, 'Run ', diffSelect),
        h('button', { id: 'diff-compare', type: 'button', onClick: compare }, 'Compare')),
      diffResult));
  root.querySelector('.logs').append(logList);

  slider.addEventListener('input', () => { sequenceInput.value = slider.value; scheduleReplay(Number(slider.value)); });
  const replayTyped = () => {
    const value = Math.max(1, Math.min(Number(sequenceInput.value) || 1, fold.lastSequence || 1));
    sequenceInput.value = value;
    slider.value = value;
    scheduleReplay(value);
  };
  sequenceInput.addEventListener('change', replayTyped);
  sequenceInput.addEventListener('keydown', event => { if (event.key === 'Enter') replayTyped(); });

  renderStatus();
  renderNodeDetail();
  loadDiffChoices();

  const stop = followRun(runId, 0, {
    onTrace: page => onEvents(page.events ?? []),
    onStatus: document => { status = document; renderStatus(); },
    onComplete: async () => {
      try {
        status = await api.status(runId);
      } catch (error) {
        notify(error.message, 'error');
      }
      renderStatus();
      loadDiffChoices();
    },
    onError: error => notify(error.message, 'error'),
    onConnection: state => { connectionEl.textContent = state === 'live' || state === 'ended' ? '' : `stream: ${state}`; },
  });
  signal.addEventListener('abort', stop);

  function onEvents(events) {
    const before = fold.logs.length ? fold.logs[fold.logs.length - 1].sequence : 0;
    const artifactsBefore = fold.artifacts.length;
    const changed = fold.apply(events);
    slider.max = Math.max(1, fold.lastSequence);
    sequenceInput.max = slider.max;
    slider.disabled = fold.lastSequence < 1;
    if (mode === 'live') {
      slider.value = slider.max;
      sequenceInput.value = slider.max;
      for (const nodeId of changed) view.update(nodeId, fold.node(nodeId));
      appendLogs(fold.logs.filter(line => line.sequence > before));
      for (const artifact of fold.artifacts.slice(artifactsBefore)) artifactList.append(artifactItem(artifact));
      if (selected && changed.has(selected)) renderNodeDetail();
      if (fold.runStatus && !TERMINAL.has(status.status)) { status = { ...status, status: fold.runStatus }; renderStatus(); }
    }
  }

  function renderStatus() {
    mount(statusEl, statusBadge(status.status));
    const p = status.progress;
    progressEl.textContent = p ? `${p.completedActions} of ${p.totalActions} nodes done` : '';
    cancelButton.disabled = TERMINAL.has(status.status);
    if (status.failure) {
      failureEl.hidden = false;
      mount(failureEl, h('strong', {}, 'Failed'), status.failure.nodeId ? [' at node ', h('code', {}, status.failure.nodeId)] : '', ': ',
        status.failure.reason ?? '');
    } else {
      failureEl.hidden = true;
    }
  }

  async function cancel() {
    cancelButton.disabled = true;
    try {
      await api.cancel(runId);
      notify('Cancel requested.');
    } catch (error) {
      notify(error.message, 'error');
      cancelButton.disabled = TERMINAL.has(status.status);
    }
  }

  function selectNode(nodeId) {
    selected = nodeId;
    logFilter.value = nodeId ?? '';
    view.select(nodeId);
    renderNodeDetail();
    renderAllLogs();
  }

  function currentNode(nodeId) {
    return mode === 'replay' ? replayState?.nodes?.find(node => node.nodeId === nodeId) : fold.node(nodeId);
  }

  function renderNodeDetail() {
    if (!selected) {
      mount(nodeDetail, h('p', { class: 'muted' }, 'Select a node in the graph to see its state and logs.'));
      return;
    }
    const node = currentNode(selected) ?? { status: 'idle' };
    mount(nodeDetail,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Node'), h('dd', {}, labels.get(selected), ' ', h('code', {}, selected)),
        h('dt', {}, 'Component'), h('dd', {}, h('code', {}, types.get(selected) ?? '')),
        h('dt', {}, 'Status'), h('dd', {}, statusBadge(node.status)),
        node.attempt > 1 ? [h('dt', {}, 'Attempt'), h('dd', {}, node.attempt)] : null,
        node.durationMs !== null && node.durationMs !== undefined ? [h('dt', {}, 'Duration'), h('dd', {}, formatDuration(node.durationMs))] : null,
        node.skipReason ? [h('dt', {}, 'Skipped'), h('dd', {}, node.skipReason)] : null),
      node.progress ? progressBar(node.progress) : null,
      node.error ? h('p', { class: 'error-text' }, node.error.type ? `${node.error.type}: ` : '', node.error.message ?? '') : null,
      mode === 'live' ? h('button', { type: 'button', onClick: showNodeIo }, 'Inputs and outputs') : null,
      h('div', { id: 'node-io' }));
  }

  async function showNodeIo() {
    const target = nodeDetail.querySelector('#node-io');
    try {
      const io = await api.nodeIo(runId, selected);
      mount(target, h('pre', { class: 'json' }, JSON.stringify(io, null, 2)));
    } catch (error) {
      mount(target, h('p', { class: 'error-text' }, error.message));
    }
  }

  function logItem(line) {
    return h('li', { class: ['log', `log--${line.level}`, `log--${line.stream}`], 'data-node-id': line.nodeId, 'data-sequence': line.sequence },
      h('span', { class: 'log-node' }, labels.get(line.nodeId) ?? line.nodeId), ' ', h('span', { class: 'log-text' }, line.line));
  }

  function appendLogs(lines) {
    const visible = lines.filter(line => !selected || line.nodeId === selected);
    if (!visible.length) return;
    const atBottom = logList.scrollTop + logList.clientHeight >= logList.scrollHeight - 20;
    logList.append(...visible.map(logItem));
    while (logList.childElementCount > MAX_LOG_ELEMENTS) logList.firstElementChild.remove();
    if (atBottom) logList.scrollTop = logList.scrollHeight;
  }

  function renderAllLogs() {
    logList.replaceChildren();
    if (mode === 'replay') {
      const lines = (replayState?.nodes ?? [])
        .filter(node => !selected || node.nodeId === selected)
        .flatMap(node => (node.lastLogs ?? []).map(line => ({ ...line, nodeId: node.nodeId })))
        .sort((a, b) => a.sequence - b.sequence);
      logTitle.textContent = `Logs at event ${replayState?.cursor ?? ''} (last lines per node)`;
      appendLogs(lines);
    } else {
      logTitle.textContent = 'Logs';
      appendLogs(fold.logs);
    }
    logList.scrollTop = logList.scrollHeight;
  }

  function artifactItem(artifact) {
    const id = artifact.id ?? artifact.artifactId;
    return h('li', { 'data-artifact-id': id },
      h('a', {
        href: artifactUrl(runId, id), download: artifact.name,
        onClick: event => {
          if (!apiKey()) return;
          event.preventDefault();
          downloadArtifact(runId, { ...artifact, id }).catch(error => notify(error.message, 'error'));
        },
      }, artifact.name),
      ' ', h('span', { class: 'muted' }, `${labels.get(artifact.nodeId) ?? artifact.nodeId ?? ''} · ${formatBytes(artifact.size)}`));
  }

  let replayTimer = null;
  let replayRequest = 0;
  function scheduleReplay(sequence) {
    clearTimeout(replayTimer);
    replayTimer = setTimeout(() => replayAt(sequence), 120);
  }

  async function replayAt(sequence) {
    const request = ++replayRequest;
    try {
      const state = await api.stateAt(runId, sequence, 20);
      if (request !== replayRequest || signal.aborted) return;
      mode = 'replay';
      replayState = state;
      root.classList.add('replaying');
      liveButton.disabled = false;
      replayText.textContent = `Event ${state.cursor} of ${fold.lastSequence}: run ${String(state.status).toLowerCase()}`;
      for (const node of state.nodes) view.update(node.nodeId, node);
      mount(artifactList, state.nodes.flatMap(node => (node.artifacts ?? []).map(a => artifactItem({ ...a, nodeId: node.nodeId }))));
      renderNodeDetail();
      renderAllLogs();
    } catch (error) {
      notify(error.message, 'error');
    }
  }

  function goLive() {
    replayRequest++;
    mode = 'live';
    replayState = null;
    root.classList.remove('replaying');
    liveButton.disabled = true;
    replayText.textContent = 'Live';
    slider.value = slider.max;
    sequenceInput.value = slider.max;
    for (const [nodeId, node] of fold.nodes) view.update(nodeId, node);
    mount(artifactList, fold.artifacts.map(artifactItem));
    renderNodeDetail();
    renderAllLogs();
  }

  async function loadDiffChoices() {
    try {
      const runs = (await api.runs(run.workflowId, 100)).filter(other => other.id !== runId);
      const current = diffSelect.value;
      mount(diffSelect, runs.length ? runs.map(other => h('option', { value: other.id },
        `${formatTime(other.startTime)} · ${String(other.status).toLowerCase()} · ${other.id}`)) : h('option', { value: '' }, 'No other run of this workflow'));
      if (current) diffSelect.value = current;
    } catch (error) {
      notify(error.message, 'error');
    }
  }

  async function compare() {
    if (!diffSelect.value) return;
    try {
      renderDiff(await api.diff(runId, diffSelect.value));
    } catch (error) {
      mount(diffResult, h('p', { class: 'error-text' }, error.message));
    }
  }

  function renderDiff(diff) {
    const changed = new Set(diff.nodes.filter(node => node.changed).map(node => node.nodeId));
    view.mark(changed, 'node--changed');
    const json = value => value === undefined || value === null ? '' : JSON.stringify(value);
    mount(diffResult,
      h('p', { id: 'diff-summary' }, `${diff.nodesChanged} node${diff.nodesChanged === 1 ? '' : 's'} changed`,
        `; this run ${String(diff.before.status).toLowerCase()} in ${formatDuration(diff.before.durationMs)},`,
        ` the other ${String(diff.after.status).toLowerCase()} in ${formatDuration(diff.after.durationMs)}.`),
      diff.nodesAdded.length ? h('p', {}, 'Only in the other run: ', diff.nodesAdded.join(', ')) : null,
      diff.nodesRemoved.length ? h('p', {}, 'Only in this run: ', diff.nodesRemoved.join(', ')) : null,
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, ['Node', 'Status', 'Duration', 'Output summary'].map(title => h('th', {}, title)))),
        h('tbody', {}, diff.nodes.map(node => h('tr', { class: node.changed ? 'changed' : null, 'data-node-id': node.nodeId },
          h('td', {}, labels.get(node.nodeId) ?? node.nodeId),
          h('td', {}, node.statusChanged ? `${node.statusBefore} → ${node.statusAfter}` : node.statusAfter),
          h('td', {}, `${formatDuration(node.durationMsBefore)} → ${formatDuration(node.durationMsAfter)}`,
            node.durationDeltaMs !== undefined && node.durationDeltaMs !== null ? ` (${node.durationDeltaMs >= 0 ? '+' : ''}${node.durationDeltaMs} ms)` : ''),
          h('td', {}, node.outputChanged
            ? h('details', {}, h('summary', {}, 'changed'),
              h('pre', { class: 'json' }, `this run:  ${json(node.outputSummaryBefore)}\nother run: ${json(node.outputSummaryAfter)}`))
            : 'same'))))));
  }
}
