// Small DOM builders: no framework, no build step.

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'selected') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h('button', {class: 'primary', onClick}, 'Save'). */
export function h(tag, props, ...children) {
  return apply(document.createElement(tag), props, children);
}

/** An SVG element, same calling convention as h(). */
export function s(tag, props, ...children) {
  return apply(document.createElementNS(SVG_NS, tag), props, children);
}

/** Replaces the children of el. */
export function mount(el, ...children) {
  el.replaceChildren();
  return apply(el, {}, children);
}

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function formatDuration(ms) {
  if (ms === undefined || ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60000);
  return `${minutes} min ${Math.round((ms % 60000) / 1000)} s`;
}

export function formatBytes(size) {
  if (size === undefined || size === null) return '';
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}

/** A progress snapshot {current, total, unit, message} as the text a user reads, e.g. "scanned 89/127". */
export function progressText(progress) {
  if (!progress) return '';
  const counts = progress.total ? `${progress.current ?? 0}/${progress.total}${progress.unit ? ` ${progress.unit}` : ''}` : '';
  if (progress.message && counts && !progress.message.includes(`${progress.current}/${progress.total}`)) return `${progress.message} (${counts})`;
  return progress.message || counts;
}

export function progressFraction(progress) {
  if (!progress || !progress.total) return null;
  return Math.max(0, Math.min(1, (progress.current ?? 0) / progress.total));
}

/** A progress bar element with its text. */
export function progressBar(progress) {
  const fraction = progressFraction(progress);
  return h('div', { class: 'progress' },
    fraction === null ? null : h('progress', { max: 1, value: fraction, 'aria-label': 'progress' }),
    h('span', { class: 'progress-text' }, progressText(progress)));
}

export function statusBadge(status) {
  const text = String(status ?? '').toLowerCase();
  return h('span', { class: ['badge', `badge--${text.replace(/_/g, '-')}`], 'data-status': text }, text.replace(/_/g, ' '));
}
