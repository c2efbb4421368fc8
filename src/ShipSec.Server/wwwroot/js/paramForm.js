// A node's parameter form, generated from its component descriptor's parameters.
import { h } from './dom.js';

function display(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/**
 * Fields for parameters [{id, label, type, required, default?, options?, min?, max?, description?}] editing values in place;
 * onChange() after each change. errors: {paramId: message}. Returns the field elements.
 */
export function parameterFields(parameters, values, onChange, errors = {}) {
  return parameters.map(parameter => {
    const id = `param-${parameter.id}`;
    const current = values[parameter.id];
    const set = value => {
      if (value === undefined) delete values[parameter.id];
      else values[parameter.id] = value;
      onChange();
    };
    const error = h('small', { class: 'error-text field-error', 'data-error-for': parameter.id }, errors[parameter.id] ?? '');
    let control;
    switch (parameter.type) {
      case 'boolean':
        control = h('input', { id, type: 'checkbox', checked: (current ?? parameter.default) === true, onChange: event => set(event.target.checked) });
        return h('div', { class: 'field check' }, control, h('label', { for: id }, parameter.label), error);
      case 'number':
        control = h('input', {
          id, type: 'number', step: 'any', value: display(current), placeholder: display(parameter.default), min: parameter.min, max: parameter.max,
          onInput: event => set(event.target.value === '' ? undefined : Number(event.target.value)),
        });
        break;
      case 'select':
        control = h('select', { id, onChange: event => set(event.target.value === '' ? undefined : event.target.value) },
          h('option', { value: '' }, parameter.default !== undefined ? `default (${display(parameter.default)})` : '—'),
          (parameter.options ?? []).map(option => h('option', { value: option.value, selected: current === option.value }, option.label)));
        break;
      case 'multi-select': {
        const chosen = new Set(current ?? parameter.default ?? []);
        control = h('fieldset', { id },
          h('legend', {}, parameter.label),
          (parameter.options ?? []).map(option => h('label', { class: 'check' },
            h('input', {
              type: 'checkbox', value: option.value, checked: chosen.has(option.value),
              onChange: event => {
                if (event.target.checked) chosen.add(option.value);
                else chosen.delete(option.value);
                set((parameter.options ?? []).map(o => o.value).filter(value => chosen.has(value)));
              },
            }), ' ', option.label, ' ')));
        return h('div', { class: 'field' }, control, parameter.description ? h('small', { class: 'muted' }, parameter.description) : null, error);
      }
      case 'list':
        control = h('textarea', {
          id, rows: 3, placeholder: 'one per line',
          onInput: event => {
            const lines = event.target.value.split(/\r?\n/).map(line => line.trim()).filter(Boolean);
            set(lines.length ? lines : undefined);
          },
        }, Array.isArray(current) ? current.join('\n') : display(current));
        break;
      case 'json':
        control = h('textarea', {
          id, rows: 5, class: 'code', placeholder: display(parameter.default),
          onInput: event => {
            const text = event.target.value.trim();
            if (text === '') {
              error.textContent = '';
              set(undefined);
              return;
            }
            try {
              const value = JSON.parse(text);
              error.textContent = '';
              set(value);
            } catch {
              error.textContent = 'Not valid JSON yet; the last valid value is kept.';
            }
          },
        }, display(current));
        break;
      case 'textarea':
        control = h('textarea', { id, rows: 4, onInput: event => set(event.target.value === '' ? undefined : event.target.value) }, display(current));
        break;
      default:
        control = h('input', {
          id, type: 'text', value: display(current), placeholder: parameter.type === 'secret' ? 'secret id' : display(parameter.default),
          onInput: event => set(event.target.value === '' ? undefined : event.target.value),
        });
    }
    return h('div', { class: 'field' },
      h('label', { for: id }, parameter.label, parameter.required ? h('span', { class: 'required', title: 'required' }, ' *') : null),
      control,
      parameter.description ? h('small', { class: 'muted' }, parameter.description) : null,
      error);
  });
}
