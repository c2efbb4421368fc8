// The read-only workflow graph of the run view (live, replay, diff): the saved node positions, edges, node states.
import { s, progressFraction, progressText } from './dom.js';

const NODE_WIDTH = 200;
const NODE_HEIGHT = 72;

/**
 * Node positions: the saved ones, unless nodes overlap (graphs made through the API often leave every node at 0,0);
 * then columns by depth from the entry node.
 */
function layout(graph) {
  const positions = new Map(graph.nodes.map(node => [node.id, { x: node.position?.x ?? 0, y: node.position?.y ?? 0 }]));
  const overlapping = graph.nodes.some((a, i) => graph.nodes.slice(i + 1).some(b => {
    const pa = positions.get(a.id), pb = positions.get(b.id);
    return Math.abs(pa.x - pb.x) < NODE_WIDTH && Math.abs(pa.y - pb.y) < NODE_HEIGHT;
  }));
  if (!overlapping) return positions;

  const depth = new Map(graph.nodes.map(node => [node.id, 0]));
  for (let pass = 0; pass < graph.nodes.length; pass++) {
    let moved = false;
    for (const edge of graph.edges) {
      const next = (depth.get(edge.source) ?? 0) + 1;
      if (depth.has(edge.target) && next > depth.get(edge.target) && next < graph.nodes.length) {
        depth.set(edge.target, next);
        moved = true;
      }
    }
    if (!moved) break;
  }
  const rows = new Map();
  for (const node of graph.nodes) {
    const column = depth.get(node.id);
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    positions.set(node.id, { x: column * (NODE_WIDTH + 60), y: row * (NODE_HEIGHT + 40) });
  }
  return positions;
}

/** An edge's path and label point; an edge that would run behind other nodes arcs over them. */
function edgeRoute(from, to, positions) {
  const x1 = from.x + NODE_WIDTH, y1 = from.y + NODE_HEIGHT / 2;
  const x2 = to.x, y2 = to.y + NODE_HEIGHT / 2;
  const blockers = [...positions.values()].filter(p => p !== from && p !== to && p.x + NODE_WIDTH > x1 && p.x < x2
    && p.y < Math.max(y1, y2) && p.y + NODE_HEIGHT > Math.min(y1, y2));
  if (blockers.length === 0) {
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    return { d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`, labelX: (x1 + x2) / 2, labelY: (y1 + y2) / 2 - 6 };
  }
  // Up in the gap after the source, across above the blockers, down in the gap before the target.
  const top = Math.min(...blockers.map(p => p.y)) - 16;
  const turn = Math.min(30, (x2 - x1) / 4);
  return {
    d: `M${x1},${y1} C${x1 + turn},${y1} ${x1 + turn},${top} ${x1 + 2 * turn},${top} L${x2 - 2 * turn},${top} C${x2 - turn},${top} ${x2 - turn},${y2} ${x2},${y2}`,
    labelX: (x1 + x2) / 2, labelY: top - 4,
  };
}

/**
 * Draws graph into an SVG element and returns handles to update it:
 * update(nodeId, state) recolours one node, select(nodeId), mark(nodeIds, className).
 */
export function drawRunGraph(svg, graph, { onSelect } = {}) {
  const positions = layout(graph);
  const xs = [...positions.values()].map(p => p.x), ys = [...positions.values()].map(p => p.y);
  // Room above the top row for edges that arc over nodes.
  const minX = Math.min(0, ...xs) - 20, minY = Math.min(0, ...ys) - 50;
  const width = Math.max(...xs, 0) + NODE_WIDTH + 20 - minX, height = Math.max(...ys, 0) + NODE_HEIGHT + 20 - minY;
  svg.setAttribute('viewBox', `${minX} ${minY} ${width} ${height}`);
  svg.style.maxHeight = `${Math.max(240, height)}px`;
  svg.replaceChildren();
  svg.append(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
    s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }))));

  const edgeLayer = s('g', { class: 'edges' });
  for (const edge of graph.edges) {
    const from = positions.get(edge.source), to = positions.get(edge.target);
    if (!from || !to) continue;
    const label = edge.sourceHandle ? `${edge.sourceHandle} → ${edge.targetHandle}` : '';
    const route = edgeRoute(from, to, positions);
    edgeLayer.append(s('g', { class: ['edge', edge.kind === 'error' && 'edge--error'], 'data-edge-id': edge.id },
      s('path', { d: route.d, 'marker-end': 'url(#arrow)' }),
      label ? s('text', { x: route.labelX, y: route.labelY, class: 'edge-label' }, label) : null));
  }
  svg.append(edgeLayer);

  const elements = new Map();
  for (const node of graph.nodes) {
    const p = positions.get(node.id);
    const status = s('text', { x: 10, y: 50, class: 'node-status' }, 'idle');
    const bar = s('rect', { x: 10, y: 58, width: 0, height: 5, rx: 2, class: 'node-progress-bar' });
    const barTrack = s('rect', { x: 10, y: 58, width: NODE_WIDTH - 20, height: 5, rx: 2, class: 'node-progress-track', visibility: 'hidden' });
    const progress = s('text', { x: NODE_WIDTH - 10, y: 50, class: 'node-progress-text', 'text-anchor': 'end' });
    const title = s('title', {}, `${node.data?.label || node.id} (${node.type})`);
    const group = s('g', {
      class: 'node node--idle', transform: `translate(${p.x},${p.y})`, tabindex: 0, role: 'button',
      'data-node-id': node.id, 'data-status': 'idle', 'aria-label': `${node.data?.label || node.id}: idle`,
      onClick: () => onSelect?.(node.id),
      onKeydown: event => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); onSelect?.(node.id); } },
    },
    title,
    s('rect', { width: NODE_WIDTH, height: NODE_HEIGHT, rx: 8, class: 'node-box' }),
    s('text', { x: 10, y: 20, class: 'node-label' }, truncate(node.data?.label || node.id, 24)),
    s('text', { x: 10, y: 35, class: 'node-type' }, truncate(node.type, 30)),
    status, progress, barTrack, bar);
    svg.append(group);
    elements.set(node.id, { group, status, bar, barTrack, progress, label: node.data?.label || node.id });
  }

  return {
    update(nodeId, state) {
      const el = elements.get(nodeId);
      if (!el) return;
      const value = state?.status ?? 'idle';
      el.group.setAttribute('class', el.group.getAttribute('class').replace(/node--(idle|running|retrying|succeeded|failed|skipped|cancelled)/, `node--${value}`));
      el.group.dataset.status = value;
      el.group.setAttribute('aria-label', `${el.label}: ${value}`);
      el.status.textContent = value + (state?.attempt > 1 ? ` (attempt ${state.attempt})` : '');
      const fraction = progressFraction(state?.progress);
      el.bar.setAttribute('width', fraction === null ? 0 : (NODE_WIDTH - 20) * fraction);
      el.barTrack.setAttribute('visibility', fraction === null ? 'hidden' : 'visible');
      el.progress.textContent = state?.progress ? truncate(progressText(state.progress), 18) : '';
    },
    select(nodeId) {
      for (const [id, el] of elements) el.group.classList.toggle('node--selected', id === nodeId);
    },
    mark(nodeIds, className) {
      for (const [id, el] of elements) el.group.classList.toggle(className, nodeIds.has(id));
    },
  };
}

function truncate(text, length) {
  const value = String(text ?? '');
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}
