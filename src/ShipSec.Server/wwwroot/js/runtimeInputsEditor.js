// The entry node's runtime inputs as rows (id, label, type, required, default) instead of raw JSON.
import { h } from './dom.js';

const TYPES = ['text', 'number', 'boolean', 'json', 'array', 'file', 'secret'];

function defaultText(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parseDefault(text, type) {
  if (text === '') return undefined;
  if (type === 'text' || type === 'file' || type === 'secret') return text;
  try { return JSON.parse(text); } catch { return text; }
}

/** Edits params.runtimeInputs in place; onChange() after each change (the entry node's output ports follow the ids). */
export function runtimeInputsEditor(params, onChange) {
  if (!Array.isArray(params.runtimeInputs)) params.runtimeInputs = [];
  const inputs = params.runtimeInputs;
  const list = h('div', { class: 'runtime-input-list' });
  const container = h('fieldset', { id: 'runtime-inputs' }, h('legend', {}, 'Run inputs'),
    h('p', { class: 'muted' }, 'What a run asks for; each becomes an output port of this node.'),
    list,
    h('button', { type: 'button', id: 'add-runtime-input', onClick: () => {
      const taken = new Set(inputs.map(input => input.id));
      let id = 'input';
      for (let i = 2; taken.has(id); i++) id = `input${i}`;
      inputs.push({ id, label: id, type: 'text', required: false });
      changed();
    } }, 'Add run input'));

  function changed() {
    onChange();
    rows();
  }

  function field(label, control) {
    return h('label', { class: 'runtime-input-field' }, h('span', {}, label), control);
  }

  function rows() {
    list.replaceChildren(...inputs.map((input, index) => h('div', { class: 'runtime-input', 'data-index': index },
      field('Id', h('input', { type: 'text', value: input.id ?? '', 'aria-label': `Id of run input ${index + 1}`,
        onChange: event => { input.id = event.target.value.trim(); onChange(); } })),
      field('Label', h('input', { type: 'text', value: input.label ?? '', 'aria-label': `Label of run input ${index + 1}`,
        onInput: event => { input.label = event.target.value; onChange(); } })),
      field('Type', h('select', { 'aria-label': `Type of run input ${index + 1}`, onChange: event => { input.type = event.target.value; onChange(); } },
        TYPES.map(type => h('option', { value: type, selected: (input.type ?? 'text') === type }, type)))),
      field('Default', h('input', { type: 'text', value: defaultText(input.defaultValue), 'aria-label': `Default of run input ${index + 1}`,
        onInput: event => {
          const value = parseDefault(event.target.value, input.type ?? 'text');
          if (value === undefined) delete input.defaultValue;
          else input.defaultValue = value;
          onChange();
        } })),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: input.required === true, 'aria-label': `Run input ${index + 1} is required`,
        onChange: event => { input.required = event.target.checked; onChange(); } }), ' required'),
      h('button', { type: 'button', class: 'link danger', 'aria-label': `Remove run input ${input.id}`, onClick: () => {
        inputs.splice(index, 1);
        changed();
      } }, 'Remove'))));
  }

  rows();
  return container;
}
