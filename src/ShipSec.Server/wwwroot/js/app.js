// The studio's shell: hash routes, the API key setting, notices.
import { api, apiKey, setApiKey } from './api.js';
import { h, mount } from './dom.js';
import { runView } from './views/runView.js';
import { runsView, workflowsView, workflowView } from './views/workflowsView.js';
import { designerView } from './views/designerView.js';

const view = document.getElementById('view');
const notice = document.getElementById('notice');
let current = null;
let noticeTimer = null;

/** Shows a short message at the top; errors stay until the next one. */
function notify(message, kind = 'info') {
  clearTimeout(noticeTimer);
  notice.hidden = false;
  notice.className = `notice notice--${kind}`;
  mount(notice, message, h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss', onClick: () => { notice.hidden = true; } }, '×'));
  if (kind !== 'error') noticeTimer = setTimeout(() => { notice.hidden = true; }, 4000);
}

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function componentsView(root) {
  mount(root, h('p', { class: 'muted' }, 'Loading components…'));
  const components = await api.components();
  mount(root, h('div', { class: 'page-head' }, h('h1', {}, 'Components')),
    h('table', { class: 'table', id: 'component-list' },
      h('thead', {}, h('tr', {}, ['Id', 'Name', 'Category', 'Runner', 'Description'].map(title => h('th', {}, title)))),
      h('tbody', {}, components.map(component => h('tr', { 'data-component-id': component.id },
        h('td', {}, h('code', {}, component.id)), h('td', {}, component.name), h('td', {}, component.category),
        h('td', {}, component.runner?.kind === 'docker' ? `docker ${component.runner.image ?? ''}` : component.runner?.kind ?? ''),
        h('td', {}, component.description ?? ''))))));
}

const routes = [
  [/^#\/runs\/([^/]+)$/, (root, [runId], context) => runView(root, runId, context)],
  [/^#\/runs$/, (root, _, context) => runsView(root, context)],
  [/^#\/workflows\/([^/]+)$/, (root, [id], context) => workflowView(root, id, context)],
  [/^#\/designer\/new$/, (root, _, context) => designerView(root, null, context)],
  [/^#\/designer\/([^/]+)$/, (root, [id], context) => designerView(root, id, context)],
  [/^#\/components$/, root => componentsView(root)],
  [/^(#\/workflows)?\/?$|^#?$/, root => workflowsView(root)],
];

// A page with unsaved work sets a guard that returns what would be lost; leaving then asks first.
let leaveGuard = null;
let shownHash = null;

function setLeaveGuard(guard) {
  leaveGuard = guard;
}

window.addEventListener('beforeunload', event => {
  if (leaveGuard?.()) event.preventDefault();
});

async function route() {
  const hash = location.hash || '#/workflows';
  const loss = hash !== shownHash ? leaveGuard?.() : null;
  if (loss && !window.confirm(`${loss} Leave this page anyway?`)) {
    history.replaceState(null, '', shownHash);
    return;
  }
  leaveGuard = null;
  shownHash = hash;
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const match = routes.map(([pattern, render]) => [hash.match(pattern), render]).find(([found]) => found);
  if (!match) {
    mount(view, h('h1', {}, 'Not found'), h('p', {}, 'No page at ', h('code', {}, hash), '. ', h('a', { href: '#/workflows' }, 'Workflows')));
    return;
  }
  const [found, render] = match;
  document.querySelectorAll('header nav a').forEach(link => link.classList.toggle('active', hash.startsWith(link.getAttribute('href'))));
  try {
    await render(view, found.slice(1).map(decodeURIComponent), { signal: controller.signal, navigate, notify, setLeaveGuard });
  } catch (error) {
    if (controller.signal.aborted) return;
    mount(view, h('h1', {}, 'Something went wrong'), h('p', { class: 'error-text', id: 'page-error' }, error.message));
  }
}

const keyInput = document.getElementById('api-key');
keyInput.value = apiKey();
document.getElementById('settings').addEventListener('submit', event => {
  event.preventDefault();
  setApiKey(keyInput.value.trim());
  notify(keyInput.value.trim() ? 'API key saved in this browser.' : 'API key removed.');
  // Every request reads the key, so a page with unsaved work keeps it; any other page reloads its data with the key.
  if (!leaveGuard?.()) {
    shownHash = null;
    route();
  }
});

window.addEventListener('hashchange', route);
route();
