// The workflow list, and one workflow: its graph, a form for its run inputs, its runs.
import { api, ApiError } from '../api.js';
import { h, s, mount, statusBadge, formatTime, formatDuration } from '../dom.js';
import { drawRunGraph } from '../graph.js';

export async function workflowsView(root) {
  mount(root, h('p', { class: 'muted' }, 'Loading workflows…'));
  const workflows = await api.workflows();
  mount(root,
    h('div', { class: 'page-head' }, h('h1', {}, 'Workflows'),
      h('a', { class: 'button primary', href: '#/designer/new' }, 'New workflow')),
    workflows.length === 0
      ? h('p', { class: 'muted', id: 'no-workflows' }, 'No workflows yet. Create one with “New workflow”.')
      : h('table', { class: 'table', id: 'workflow-list' },
        h('thead', {}, h('tr', {}, ['Name', 'Version', 'Nodes', 'Updated', ''].map(title => h('th', {}, title)))),
        h('tbody', {}, workflows.map(workflow => h('tr', { 'data-workflow-id': workflow.id },
          h('td', {}, h('a', { href: `#/workflows/${encodeURIComponent(workflow.id)}` }, workflow.name)),
          h('td', {}, workflow.version),
          h('td', {}, workflow.nodes?.length ?? ''),
          h('td', {}, formatTime(workflow.updatedAt)),
          h('td', { class: 'actions' },
            h('a', { class: 'button', href: `#/workflows/${encodeURIComponent(workflow.id)}` }, 'Runs'),
            h('a', { class: 'button', href: `#/designer/${encodeURIComponent(workflow.id)}` }, 'Edit')))))));
}

/** The runtime inputs the entry node declares: [{id, label, type, required, description?, defaultValue?}]. */
function runtimeInputs(graph) {
  const entry = graph.nodes.find(node => node.type === 'core.workflow.entrypoint');
  const inputs = entry?.data?.config?.params?.runtimeInputs;
  return Array.isArray(inputs) ? inputs : [];
}

function inputField(input) {
  const id = `run-input-${input.id}`;
  const common = { id, name: input.id, 'data-type': input.type };
  const defaultText = input.defaultValue === undefined || input.defaultValue === null ? ''
    : typeof input.defaultValue === 'string' ? input.defaultValue : JSON.stringify(input.defaultValue);
  let control;
  switch (input.type) {
    case 'number':
      control = h('input', { ...common, type: 'number', step: 'any', placeholder: defaultText });
      break;
    case 'boolean':
      control = h('input', { ...common, type: 'checkbox', checked: input.defaultValue === true });
      break;
    case 'json':
    case 'array':
      control = h('textarea', { ...common, rows: 3, placeholder: input.type === 'array' ? 'one value per line, or a JSON array' : 'JSON' }, defaultText);
      break;
    default:
      control = h('textarea', { ...common, rows: 2, placeholder: input.type === 'file' ? 'file id' : input.type === 'secret' ? 'secret id' : '' }, defaultText);
  }
  return h('div', { class: 'field' },
    h('label', { for: id }, input.label || input.id, input.required ? h('span', { class: 'required', title: 'required' }, ' *') : null),
    control,
    input.description ? h('small', { class: 'muted' }, input.description) : null,
    h('small', { class: 'error-text field-error', 'data-error-for': input.id }));
}

/** Reads the form into run inputs; blank fields are left out so the declared defaults apply. */
function readInputs(form, inputs) {
  const values = {};
  for (const input of inputs) {
    const control = form.elements.namedItem(input.id);
    if (!control) continue;
    if (input.type === 'boolean') {
      values[input.id] = control.checked;
      continue;
    }
    const text = control.value;
    if (text.trim() === '') continue;
    if (input.type === 'number') values[input.id] = Number(text);
    else if (input.type === 'json') values[input.id] = parseJson(text, input.id);
    else if (input.type === 'array') values[input.id] = text.trim().startsWith('[') ? parseJson(text, input.id) : text.split(/\r?\n/).filter(line => line.trim() !== '');
    else values[input.id] = text;
  }
  return values;
}

function parseJson(text, id) {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, { detail: `Input '${id}' is not valid JSON.`, errors: [{ inputId: id, message: 'Not valid JSON.' }] });
  }
}

export async function workflowView(root, workflowId, { navigate, notify }) {
  mount(root, h('p', { class: 'muted' }, 'Loading workflow…'));
  const [workflow, runs] = await Promise.all([api.workflow(workflowId), api.runs(workflowId, 100)]);
  const inputs = runtimeInputs(workflow);
  const svg = s('svg', { class: 'graph graph--preview', role: 'img', 'aria-label': 'Workflow graph' });
  drawRunGraph(svg, workflow);

  const formError = h('p', { class: 'error-text', id: 'run-error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'start-run' }, 'Start run');
  const form = h('form', { id: 'run-form', class: 'form', onSubmit: start },
    inputs.length ? inputs.map(inputField) : h('p', { class: 'muted' }, 'This workflow declares no run inputs.'),
    formError, submit);

  mount(root,
    h('div', { class: 'page-head' },
      h('h1', { id: 'workflow-name' }, workflow.name),
      h('span', { class: 'muted' }, `version ${workflow.version}`),
      h('span', { class: 'spacer' }),
      h('a', { class: 'button', href: `#/designer/${encodeURIComponent(workflow.id)}` }, 'Edit in designer')),
    workflow.description ? h('p', {}, workflow.description) : null,
    h('div', { class: 'run-layout' },
      h('section', { class: 'panel graph-panel' }, svg),
      h('aside', { class: 'side' }, h('section', { class: 'panel' }, h('h2', {}, 'Run'), form))),
    h('section', { class: 'panel' }, h('h2', {}, 'Runs'),
      runs.length === 0 ? h('p', { class: 'muted', id: 'no-runs' }, 'No runs yet.')
        : h('table', { class: 'table', id: 'run-list' },
          h('thead', {}, h('tr', {}, ['Run', 'Status', 'Version', 'Started', 'Duration'].map(title => h('th', {}, title)))),
          h('tbody', {}, runs.map(run => h('tr', { 'data-run-id': run.id },
            h('td', {}, h('a', { href: `#/runs/${encodeURIComponent(run.id)}` }, h('code', {}, run.id))),
            h('td', {}, statusBadge(run.status)),
            h('td', {}, run.workflowVersion),
            h('td', {}, formatTime(run.startTime)),
            h('td', {}, formatDuration(run.duration))))))));

  async function start(event) {
    event.preventDefault();
    formError.textContent = '';
    form.querySelectorAll('.field-error').forEach(el => { el.textContent = ''; });
    submit.disabled = true;
    try {
      const accepted = await api.runWorkflow(workflow.id, readInputs(form, inputs));
      navigate(`#/runs/${encodeURIComponent(accepted.runId)}`);
    } catch (error) {
      formError.textContent = error.message;
      for (const problem of error.errors ?? []) {
        const target = problem.inputId && form.querySelector(`[data-error-for="${CSS.escape(problem.inputId)}"]`);
        if (target) target.textContent = problem.message;
      }
      notify(error.message, 'error');
    } finally {
      submit.disabled = false;
    }
  }
}

const STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT', 'AWAITING_INPUT'];

/** Recent runs of every workflow, newest first, optionally of one status. */
export async function runsView(root, { signal }) {
  const filter = h('select', { id: 'run-status-filter', 'aria-label': 'Status', onChange: load },
    h('option', { value: '' }, 'any status'),
    STATUSES.map(status => h('option', { value: status }, status.toLowerCase().replace('_', ' '))));
  const table = h('div', { id: 'all-runs' }, h('p', { class: 'muted' }, 'Loading runs…'));
  mount(root, h('div', { class: 'page-head' }, h('h1', {}, 'Runs'), h('label', {}, 'Show ', filter)), table);
  await load();

  async function load() {
    const runs = await api.runs(null, 100, filter.value);
    if (signal.aborted) return;
    mount(table, runs.length === 0 ? h('p', { class: 'muted' }, 'No runs.')
      : h('table', { class: 'table', id: 'run-list' },
        h('thead', {}, h('tr', {}, ['Run', 'Workflow', 'Status', 'Started', 'Duration'].map(title => h('th', {}, title)))),
        h('tbody', {}, runs.map(run => h('tr', { 'data-run-id': run.id },
          h('td', {}, h('a', { href: `#/runs/${encodeURIComponent(run.id)}` }, h('code', {}, run.id))),
          h('td', {}, h('a', { href: `#/workflows/${encodeURIComponent(run.workflowId)}` }, run.workflowName || run.workflowId), ` v${run.workflowVersion}`),
          h('td', {}, statusBadge(run.status)),
          h('td', {}, formatTime(run.startTime)),
          h('td', {}, formatDuration(run.duration)))))));
  }
}
