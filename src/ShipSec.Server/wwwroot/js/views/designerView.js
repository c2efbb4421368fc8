// The designer: a palette of components, a canvas of nodes and edges, a parameter form per node, save and commit.
import { api } from '../api.js';
import { h, s, mount } from '../dom.js';
import { parameterFields } from '../paramForm.js';
import { runtimeInputsEditor } from '../runtimeInputsEditor.js';

const ENTRYPOINT = 'core.workflow.entrypoint';
const CONTROL = '';
const WIDTH = 220;
const HEADER = 44;
const ROW = 22;

function newGraph() {
  return {
    name: 'Untitled workflow',
    nodes: [{ id: 'start', type: ENTRYPOINT, position: { x: 40, y: 60 },
      data: { label: 'Start', config: { params: { runtimeInputs: [] }, inputOverrides: {} } } }],
    edges: [],
  };
}

/** A node's ports: the control port (ordering only, no handle) first, then the component's inputs and outputs. */
function ports(node, component) {
  const runtime = node.data?.config?.params?.runtimeInputs;
  const outputs = node.type === ENTRYPOINT && Array.isArray(runtime)
    ? runtime.filter(input => input?.id).map(input => ({ id: input.id, label: input.label || input.id }))
    : component?.outputs ?? [];
  return {
    inputs: [{ id: CONTROL, label: 'after' }, ...(node.type === ENTRYPOINT ? [] : component?.inputs ?? [])],
    outputs: [{ id: CONTROL, label: 'then' }, ...outputs],
  };
}

function nodeHeight(node, component) {
  const { inputs, outputs } = ports(node, component);
  return HEADER + Math.max(inputs.length, outputs.length) * ROW + 8;
}

function portY(index) {
  return HEADER + index * ROW + ROW / 2;
}

export async function designerView(root, workflowId, { signal, notify, setLeaveGuard }) {
  mount(root, h('p', { class: 'muted' }, 'Loading designer…'));
  const [components, loaded] = await Promise.all([api.components(), workflowId ? api.workflow(workflowId) : Promise.resolve(null)]);
  const catalogue = new Map(components.map(component => [component.id, component]));
  const graph = loaded ? structuredClone(loaded) : newGraph();
  let savedId = loaded?.id ?? null;
  let version = loaded?.version ?? null;
  let dirty = false;
  let selectedNode = null;
  let selectedEdge = null;
  let armed = null;
  let wired = false;
  let problems = [];

  for (const node of graph.nodes) {
    node.position ??= { x: 0, y: 0 };
    node.data ??= { label: node.id, config: {} };
    node.data.config ??= {};
    node.data.config.params ??= {};
    node.data.config.inputOverrides ??= {};
  }

  const nameInput = h('input', { id: 'workflow-name-input', type: 'text', value: graph.name, 'aria-label': 'Workflow name', size: 30,
    onInput: event => { graph.name = event.target.value; touch(); } });
  const stateText = h('span', { id: 'designer-state', class: 'muted' });
  const runLink = h('a', { class: 'button', id: 'designer-run', title: 'The run form and the runs of this workflow' }, 'Run');
  const errorList = h('div', { id: 'designer-errors', role: 'alert' });
  const commitResult = h('div', { id: 'commit-result' });
  const edgeLayer = s('g', { class: 'edges' });
  const nodeLayer = s('g', { class: 'nodes' });
  const canvas = s('svg', { class: 'canvas', id: 'canvas', role: 'group', 'aria-label': 'Workflow canvas', onClick: event => {
    if (event.target === canvas) { select(null); disarm(); }
  } }, edgeLayer, nodeLayer);
  const inspector = h('div', { id: 'inspector' });

  const byCategory = Map.groupBy(components.filter(component => component.id !== ENTRYPOINT), component => component.category || 'other');
  const palette = h('nav', { class: 'panel palette', id: 'palette', 'aria-label': 'Components' },
    h('h2', {}, 'Add a node'),
    [...byCategory].map(([category, list]) => [
      h('h3', {}, category),
      h('ul', {}, list.map(component => h('li', {},
        h('button', { type: 'button', 'data-component-id': component.id, title: component.description ?? '', onClick: () => addNode(component) },
          component.name)))),
    ]));

  mount(root,
    h('div', { class: 'page-head' },
      h('h1', {}, 'Designer'), nameInput, stateText, h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'primary', id: 'save', onClick: save }, 'Save'),
      h('button', { type: 'button', id: 'commit', onClick: commit }, 'Validate and compile'),
      runLink),
    errorList,
    h('div', { class: 'designer' },
      palette,
      h('section', { class: 'canvas-panel' },
        h('div', { class: 'canvas-wrap' }, canvas),
        h('p', { class: 'muted connect-hint', id: 'connect-hint' }, 'Connect: drag from an output port (right side) to an input port (left side), or click one and then the other. ',
          '“then” → “after” orders two nodes without passing data.'),
        commitResult),
      h('aside', { class: 'panel inspector' }, inspector)));

  // Keys act on the canvas's selection unless a form field, button or link has the focus (they have their own keys).
  const onKey = event => {
    if (event.target.closest?.('input, textarea, select, button, a')) return;
    if (event.key === 'Escape') disarm();
    if (event.key === 'Delete' || event.key === 'Backspace') {
      if (selectedEdge) removeEdge(selectedEdge);
      else if (selectedNode && nodeById(selectedNode)?.type !== ENTRYPOINT) removeNode(selectedNode);
    }
  };
  document.addEventListener('keydown', onKey);
  signal.addEventListener('abort', () => document.removeEventListener('keydown', onKey));

  setLeaveGuard(() => (dirty ? 'The workflow has unsaved changes.' : null));
  render();
  renderState();

  function touch() {
    dirty = true;
    renderState();
  }

  function renderState() {
    stateText.textContent = savedId ? `version ${version}${dirty ? ' · unsaved changes' : ' · saved'}` : 'not saved yet';
    if (savedId) runLink.setAttribute('href', `#/workflows/${encodeURIComponent(savedId)}`);
    else runLink.removeAttribute('href');
    runLink.setAttribute('aria-disabled', savedId ? 'false' : 'true');
  }

  function nodeById(id) {
    return graph.nodes.find(node => node.id === id);
  }

  function uniqueId(base, taken) {
    const stem = base.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'node';
    if (!taken(stem)) return stem;
    for (let i = 2; ; i++) if (!taken(`${stem}${i}`)) return `${stem}${i}`;
  }

  function freePosition() {
    for (let slot = 0; ; slot++) {
      const x = 40 + (slot % 3) * (WIDTH + 60), y = 60 + Math.floor(slot / 3) * 190;
      const free = graph.nodes.every(node => Math.abs(node.position.x - x) >= WIDTH || Math.abs(node.position.y - y) >= 150);
      if (free) return { x, y };
    }
  }

  function addNode(component) {
    const id = uniqueId(component.id.split('.').pop(), candidate => Boolean(nodeById(candidate)));
    const node = { id, type: component.id, position: freePosition(), data: { label: component.name, config: { params: {}, inputOverrides: {} } } };
    graph.nodes.push(node);
    touch();
    renderCanvas();
    select(id);
    notify(`Added ${component.name} as '${id}'.`);
  }

  function removeNode(id) {
    graph.nodes = graph.nodes.filter(node => node.id !== id);
    graph.edges = graph.edges.filter(edge => edge.source !== id && edge.target !== id);
    if (armed?.nodeId === id) armed = null;
    selectedNode = null;
    touch();
    render();
  }

  function removeEdge(id) {
    graph.edges = graph.edges.filter(edge => edge.id !== id);
    selectedEdge = null;
    touch();
    render();
  }

  function connect(from, to) {
    if (from.nodeId === to.nodeId) {
      notify('A node cannot feed itself.', 'error');
      return;
    }
    const control = from.handle === CONTROL || to.handle === CONTROL;
    const edge = { id: '', source: from.nodeId, target: to.nodeId };
    if (!control) {
      edge.sourceHandle = from.handle;
      edge.targetHandle = to.handle;
      // An input takes one edge: the new one replaces the old.
      graph.edges = graph.edges.filter(other => !(other.target === to.nodeId && other.targetHandle === to.handle));
    } else if (graph.edges.some(other => other.source === from.nodeId && other.target === to.nodeId && !other.targetHandle)) {
      return;
    }
    edge.id = uniqueId(`${from.nodeId}-${to.nodeId}${control ? '' : `-${to.handle}`}`, candidate => graph.edges.some(other => other.id === candidate));
    graph.edges.push(edge);
    touch();
  }

  function disarm() {
    armed = null;
    canvas.querySelectorAll('.port.armed').forEach(port => port.classList.remove('armed'));
  }

  // Selection only restyles: the node under the pointer stays the same element, so its click lands on it.
  function select(nodeId) {
    selectedNode = nodeId;
    selectedEdge = null;
    for (const group of nodeLayer.children) group.classList.toggle('node--selected', group.dataset.nodeId === nodeId);
    renderEdges();
    renderInspector();
  }

  function portPosition(nodeId, side, handle) {
    const node = nodeById(nodeId);
    const list = ports(node, catalogue.get(node.type))[side];
    const index = Math.max(0, list.findIndex(port => port.id === (handle ?? CONTROL)));
    return { x: node.position.x + (side === 'outputs' ? WIDTH : 0), y: node.position.y + portY(index) };
  }

  function edgePath(edge) {
    const from = portPosition(edge.source, 'outputs', edge.sourceHandle);
    const to = portPosition(edge.target, 'inputs', edge.targetHandle);
    const bend = Math.max(40, Math.abs(to.x - from.x) / 2);
    return `M${from.x},${from.y} C${from.x + bend},${from.y} ${to.x - bend},${to.y} ${to.x},${to.y}`;
  }

  function renderEdges() {
    const invalid = new Set(problems.map(problem => problem.edgeId).filter(Boolean));
    edgeLayer.replaceChildren(...graph.edges.filter(edge => nodeById(edge.source) && nodeById(edge.target)).map(edge => {
      const d = edgePath(edge);
      return s('g', {
        class: ['edge', edge.kind === 'error' && 'edge--error', edge.id === selectedEdge && 'selected', invalid.has(edge.id) && 'edge--invalid'],
        'data-edge-id': edge.id, 'data-source': edge.source, 'data-target': edge.target,
        onClick: event => {
          event.stopPropagation();
          select(null);
          selectedEdge = edge.id;
          renderEdges();
          renderInspector();
        },
      }, s('path', { d, class: 'hit' }), s('path', { d, class: 'line' }), s('title', {}, edgeTitle(edge)));
    }));
  }

  function edgeTitle(edge) {
    return edge.targetHandle ? `${edge.source}.${edge.sourceHandle} → ${edge.target}.${edge.targetHandle}` : `${edge.source} then ${edge.target}`;
  }

  function render() {
    renderCanvas();
    renderInspector();
  }

  function renderCanvas() {
    const invalidNodes = new Set(problems.map(problem => problem.nodeId).filter(Boolean));
    let maxX = 0, maxY = 0;
    nodeLayer.replaceChildren(...graph.nodes.map(node => {
      const component = catalogue.get(node.type);
      const height = nodeHeight(node, component);
      maxX = Math.max(maxX, node.position.x + WIDTH);
      maxY = Math.max(maxY, node.position.y + height);
      const { inputs, outputs } = ports(node, component);
      const group = s('g', {
        class: ['node', node.id === selectedNode && 'node--selected', invalidNodes.has(node.id) && 'node--invalid', !component && 'node--unknown'],
        transform: `translate(${node.position.x},${node.position.y})`, 'data-node-id': node.id, tabindex: 0, role: 'button',
        'aria-label': `${node.data.label || node.id} (${node.type})`,
        onKeydown: event => { if (event.key === 'Enter' && event.target === group) select(node.id); },
      },
      s('rect', { width: WIDTH, height, rx: 8, class: 'node-box' }),
      s('text', { x: 10, y: 18, class: 'node-label' }, node.data.label || node.id),
      s('text', { x: 10, y: 34, class: 'node-type' }, `${node.id} · ${node.type}`),
      inputs.map((port, index) => portElement(node, 'inputs', port, index)),
      outputs.map((port, index) => portElement(node, 'outputs', port, index)));
      group.addEventListener('pointerdown', event => startDrag(event, node, group));
      return group;
    }));
    canvas.setAttribute('width', Math.max(900, maxX + 300));
    canvas.setAttribute('height', Math.max(560, maxY + 200));
    renderEdges();
  }

  function portElement(node, side, port, index) {
    const output = side === 'outputs';
    const x = output ? WIDTH : 0, y = portY(index);
    const isArmed = armed && output && armed.nodeId === node.id && armed.handle === port.id;
    const element = s('g', {
      class: ['port', `port--${output ? 'out' : 'in'}`, port.id === CONTROL && 'port--control', isArmed && 'armed'],
      'data-port': `${node.id}:${output ? 'out' : 'in'}:${port.id || '*'}`, 'data-node': node.id, 'data-handle': port.id, tabindex: 0, role: 'button',
      'aria-label': `${output ? 'output' : 'input'} ${port.label} of ${node.id}`,
      onClick: event => {
        event.stopPropagation();
        if (wired) return;
        choosePort(node.id, output, port.id, element);
      },
      onKeydown: event => {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); event.stopPropagation(); choosePort(node.id, output, port.id, element); }
      },
      onPointerdown: event => {
        event.stopPropagation();
        if (output && event.button === 0) startWire(event, node.id, port.id, element);
      },
    },
    s('circle', { cx: x, cy: y, r: 6 }),
    s('text', { x: output ? x - 10 : x + 10, y: y + 4, 'text-anchor': output ? 'end' : 'start' }, port.label),
    s('title', {}, port.id === CONTROL ? (output ? 'then: run the connected nodes after this one' : 'after: run this node after the connected one') : port.label));
    return element;
  }

  function choosePort(nodeId, output, handle, element) {
    if (output) {
      const same = armed && armed.nodeId === nodeId && armed.handle === handle;
      disarm();
      if (!same) {
        armed = { nodeId, handle };
        element.classList.add('armed');
      }
      return;
    }
    if (!armed) {
      notify('Click an output port first, then this input.');
      return;
    }
    const from = armed;
    disarm();
    connect(from, { nodeId, handle });
    render();
  }

  /** Dragging from an output port draws a wire; letting go over an input port connects them. A press without a drag is a click. */
  function startWire(event, nodeId, handle, element) {
    const matrix = canvas.getScreenCTM().inverse();
    const from = portPosition(nodeId, 'outputs', handle);
    const start = { x: event.clientX, y: event.clientY };
    const wire = s('path', { class: 'wire' });
    let moved = false;
    element.setPointerCapture(event.pointerId);
    const move = moveEvent => {
      if (!moved && Math.hypot(moveEvent.clientX - start.x, moveEvent.clientY - start.y) < 4) return;
      if (!moved) canvas.append(wire);
      moved = true;
      const to = new DOMPoint(moveEvent.clientX, moveEvent.clientY).matrixTransform(matrix);
      wire.setAttribute('d', `M${from.x},${from.y} L${to.x},${to.y}`);
    };
    const end = upEvent => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', end);
      element.removeEventListener('pointercancel', end);
      wire.remove();
      if (!moved) return;
      // The click that follows this pointerup must not arm the port.
      wired = true;
      setTimeout(() => { wired = false; }, 0);
      const target = document.elementFromPoint(upEvent.clientX, upEvent.clientY)?.closest('.port--in');
      if (!target) return;
      disarm();
      connect({ nodeId, handle }, { nodeId: target.dataset.node, handle: target.dataset.handle });
      render();
    };
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', end);
    element.addEventListener('pointercancel', end);
  }

  function startDrag(event, node, group) {
    if (event.button !== 0) return;
    const matrix = canvas.getScreenCTM().inverse();
    const point = (x, y) => new DOMPoint(x, y).matrixTransform(matrix);
    const start = point(event.clientX, event.clientY);
    const origin = { ...node.position };
    let moved = false;
    group.setPointerCapture(event.pointerId);
    const move = moveEvent => {
      const now = point(moveEvent.clientX, moveEvent.clientY);
      const dx = now.x - start.x, dy = now.y - start.y;
      if (!moved && Math.hypot(dx, dy) < 3) return;
      moved = true;
      group.classList.add('dragging');
      node.position = { x: Math.max(0, Math.round(origin.x + dx)), y: Math.max(0, Math.round(origin.y + dy)) };
      group.setAttribute('transform', `translate(${node.position.x},${node.position.y})`);
      renderEdges();
    };
    const end = () => {
      group.removeEventListener('pointermove', move);
      group.removeEventListener('pointerup', end);
      group.removeEventListener('pointercancel', end);
      group.classList.remove('dragging');
      if (moved) touch();
      select(node.id);
      group.focus();
    };
    group.addEventListener('pointermove', move);
    group.addEventListener('pointerup', end);
    group.addEventListener('pointercancel', end);
  }

  /** Problems of one node by parameter or input id, from fields like nodes[2].data.config.params.steps. */
  function fieldProblems(nodeId) {
    const index = graph.nodes.findIndex(node => node.id === nodeId);
    const params = {}, inputs = {}, general = [];
    for (const problem of problems) {
      const field = problem.field ?? '';
      const mine = problem.nodeId === nodeId || field.startsWith(`nodes[${index}]`) || field.startsWith(`nodes[${nodeId}]`);
      if (!mine) continue;
      const param = field.match(/\.params\.([^.[\]]+)/);
      const input = field.match(/\.inputOverrides\.([^.[\]]+)/);
      if (param) params[param[1]] = problem.message;
      else if (input) inputs[input[1]] = problem.message;
      else general.push(problem.message);
    }
    return { params, inputs, general };
  }

  function renderInspector() {
    if (selectedEdge) {
      const edge = graph.edges.find(other => other.id === selectedEdge);
      if (edge) {
        mount(inspector, h('h2', {}, 'Edge'), h('p', {}, edgeTitle(edge)),
          h('div', { class: 'field' }, h('label', { for: 'edge-kind' }, 'Followed when the source'),
            h('select', { id: 'edge-kind', onChange: event => { if (event.target.value === 'error') edge.kind = 'error'; else delete edge.kind; touch(); renderEdges(); } },
              h('option', { value: 'success', selected: edge.kind !== 'error' }, 'succeeds'),
              h('option', { value: 'error', selected: edge.kind === 'error' }, 'fails (error edge)'))),
          h('button', { type: 'button', class: 'danger', id: 'delete-edge', onClick: () => removeEdge(edge.id) }, 'Delete edge'));
        return;
      }
    }
    const node = selectedNode && nodeById(selectedNode);
    if (!node) {
      mount(inspector, h('h2', {}, 'Inspector'), h('p', { class: 'muted' }, 'Select a node to edit its parameters. Add nodes from the palette.'));
      return;
    }
    const component = catalogue.get(node.type);
    const config = node.data.config;
    const { params, inputs, general } = fieldProblems(node.id);
    // The run-inputs editor has no field per parameter: its problems go with the node's.
    if (node.type === ENTRYPOINT) general.push(...Object.values(params));
    const connected = new Set(graph.edges.filter(edge => edge.target === node.id && edge.targetHandle).map(edge => edge.targetHandle));
    const unconnected = (node.type === ENTRYPOINT ? [] : component?.inputs ?? []).filter(input => !connected.has(input.id));
    const edges = graph.edges.filter(edge => edge.source === node.id || edge.target === node.id);

    mount(inspector,
      h('h2', {}, component?.name ?? node.type),
      h('p', { class: 'muted' }, h('code', {}, node.id), ' · ', h('code', {}, node.type)),
      component?.description ? h('p', { class: 'muted' }, component.description) : null,
      component ? null : h('p', { class: 'error-text' }, `Unknown component '${node.type}'.`),
      general.map(message => h('p', { class: 'error-text node-problem' }, message)),
      h('form', { class: 'form', id: 'node-form', onSubmit: event => event.preventDefault() },
        h('div', { class: 'field' }, h('label', { for: 'node-label' }, 'Label'),
          h('input', { id: 'node-label', type: 'text', value: node.data.label ?? '', onInput: event => {
            node.data.label = event.target.value;
            touch();
            const label = nodeLayer.querySelector(`[data-node-id="${CSS.escape(node.id)}"] .node-label`);
            if (label) label.textContent = node.data.label || node.id;
          } })),
        component?.parameters?.length && node.type !== ENTRYPOINT ? h('h3', {}, 'Parameters') : null,
        node.type === ENTRYPOINT
          ? runtimeInputsEditor(config.params, () => { touch(); renderCanvas(); })
          : parameterFields(component?.parameters ?? [], config.params, touch, params),
        unconnected.length ? [h('h3', {}, 'Input values'), h('p', { class: 'muted' }, 'For inputs no edge feeds.'),
          unconnected.map(input => h('div', { class: 'field' },
            h('label', { for: `override-${input.id}` }, input.label, input.required ? h('span', { class: 'required' }, ' *') : null),
            h('input', { id: `override-${input.id}`, type: 'text', value: overrideText(config.inputOverrides[input.id]), onInput: event => {
              const text = event.target.value;
              if (text === '') delete config.inputOverrides[input.id];
              else config.inputOverrides[input.id] = parseOverride(text, input);
              touch();
            } }),
            input.description ? h('small', { class: 'muted' }, input.description) : null,
            h('small', { class: 'error-text field-error', 'data-error-for': `input:${input.id}` }, inputs[input.id] ?? '')))] : null,
        node.type === ENTRYPOINT ? null : [h('h3', {}, 'Execution'),
          h('div', { class: 'field' }, h('label', { for: 'node-join' }, 'Join (when several edges come in)'),
            h('select', { id: 'node-join', onChange: event => { if (event.target.value) config.joinStrategy = event.target.value; else delete config.joinStrategy; touch(); } },
              [['', 'all (default)'], ['any', 'any'], ['first', 'first']].map(([value, label]) =>
                h('option', { value, selected: (config.joinStrategy ?? '') === value }, label)))),
          h('div', { class: 'field' }, h('label', { for: 'node-timeout' }, 'Timeout (seconds)'),
            h('input', { id: 'node-timeout', type: 'number', min: 1, value: config.timeoutSeconds ?? '', placeholder: 'module default',
              onInput: event => { if (event.target.value === '') delete config.timeoutSeconds; else config.timeoutSeconds = Number(event.target.value); touch(); } }))]),
      edges.length ? [h('h3', {}, 'Connections'), h('ul', { class: 'connections' }, edges.map(edge => h('li', {},
        edgeTitle(edge), ' ', h('button', { type: 'button', class: 'link', 'aria-label': `Delete edge ${edgeTitle(edge)}`, onClick: () => removeEdge(edge.id) }, '✕'))))] : null,
      node.type === ENTRYPOINT ? null : h('button', { type: 'button', class: 'danger', id: 'delete-node', onClick: () => removeNode(node.id) }, 'Delete node'));
  }

  function overrideText(value) {
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  function parseOverride(text, input) {
    if (input.connectionType?.kind === 'primitive' && input.connectionType.name === 'text') return text;
    try { return JSON.parse(text); } catch { return text; }
  }

  function showProblems(error) {
    problems = error?.errors ?? [];
    mount(errorList, error ? h('div', { class: 'failure' },
      h('strong', {}, error.problem?.title ?? 'Request failed'), ': ', error.message,
      problems.length ? h('ul', { class: 'errors' }, problems.map(problem => h('li', {
        'data-node-id': problem.nodeId ?? null, 'data-edge-id': problem.edgeId ?? null,
      }, problem.nodeId ? [h('code', {}, problem.nodeId), ': '] : problem.edgeId ? [h('code', {}, problem.edgeId), ': '] : null, problem.message))) : null) : null);
    render();
  }

  /** The graph as the schema has it (the stored view also carries version and timestamps). */
  function body() {
    const { id, description, nodes, edges, viewport } = graph;
    return { id, name: graph.name || 'Untitled workflow', description, nodes, edges, viewport };
  }

  async function save() {
    try {
      const saved = savedId ? await api.updateWorkflow(savedId, body()) : await api.createWorkflow(body());
      savedId = saved.id;
      version = saved.version;
      graph.id = saved.id;
      dirty = false;
      history.replaceState(null, '', `#/designer/${encodeURIComponent(saved.id)}`);
      showProblems(null);
      renderState();
      notify(`Saved '${saved.name}' as version ${saved.version}.`);
      return true;
    } catch (error) {
      showProblems(error);
      notify(error.message, 'error');
      return false;
    }
  }

  async function commit() {
    if ((dirty || !savedId) && !(await save())) return;
    try {
      const definition = await api.commitWorkflow(savedId);
      showProblems(null);
      mount(commitResult, h('p', { class: 'ok' }, `Valid. Compiled version ${definition.version}: ${definition.actions.length} actions in order `,
        definition.actions.map(action => action.ref).join(' → '), '.'));
    } catch (error) {
      mount(commitResult, null);
      showProblems(error);
    }
  }
}
