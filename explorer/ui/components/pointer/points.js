// A map's points, put into its Plotly chart in the browser (pointer.py's points_ui, with
// page.js's ChartContent): the map's figure holds no model's points, and stays the same from
// model to model; its points and axis titles come here, as bytes.
import { readPacked, unpack } from './decoder.js';
import { ARRIVED, ChartContent, keepView, mapPoints, takeNoRoom } from './page.js';

// The points as Plotly traces' arrays, one trace per class (the frame's first traces, in the
// order plotting.py's latent_map gives them): x, y, and the test image's row as customdata.
export function traces(points) {
  const x = unpack(points.x, 'float32');
  const y = unpack(points.y, 'float32');
  const labels = points.labels;
  const rows = Array.from({ length: points.traces }, () => []);
  for (let i = 0; i < labels.length; i++) rows[labels[i]].push(i);
  return {
    x: rows.map((r) => Float32Array.from(r, (i) => x[i])),
    y: rows.map((r) => Float32Array.from(r, (i) => y[i])),
    customdata: rows.map((r) => Int32Array.from(r)),
  };
}

const NARROW_PX = 560; // a chart narrower than this (a phone's) has its legend under it

// Where the legends go on a chart `width` CSS px wide: beside the plot, as the figure has them,
// where there is room; on a phone, the digits' in rows at the chart's foot (the plot, which a
// legend beside it narrowed by a third and more, gets the width; above, it would meet Plotly's
// buttons), and a second one (`second`: the prior's circles) in a row above the plot, from its
// left. Streamlit draws the figure again when the chart's width changes.
export function legendLayout(width, second = false) {
  if (width >= NARROW_PX) return {};
  const layout = {
    'legend.orientation': 'h',
    'legend.x': 0,
    'legend.yref': 'container',
    'legend.y': 0,
    'legend.yanchor': 'bottom',
  };
  if (!second) return layout;
  return {
    ...layout,
    'legend2.orientation': 'h',
    'legend2.x': 0,
    'legend2.xanchor': 'left',
    'legend2.y': 1.02,
    'legend2.yanchor': 'bottom',
  };
}

// The points and axis titles as Plotly.update's arguments, with the legends where the chart's
// width has room for them; fresh points (another model's or view's) are all shown.
function put(arrays, points, gd, fresh) {
  const [xTitle, yTitle] = points.titles;
  const layout = {
    'xaxis.title.text': xTitle,
    'yaxis.title.text': yTitle,
    ...legendLayout(gd.clientWidth, Boolean(gd.layout.legend2)),
  };
  if (fresh) {
    layout['xaxis.autorange'] = true;
    layout['yaxis.autorange'] = true;
  }
  return [arrays, layout, arrays.x.map((_, i) => i)];
}

// Keep a chart's points by row for the page (page.js's mapPoints: a 2-D model's map book
// leaves its codes to them), and say that they have come.
export function remember(points) {
  const [x, y] = [unpack(points.x, 'float32'), unpack(points.y, 'float32')];
  mapPoints.set(points.chart, { revision: points.revision, x, y });
  window.dispatchEvent(new CustomEvent(ARRIVED, { detail: points.revision }));
}

function prepare(points) {
  remember(points);
  return traces(points);
}

// What the browser cannot do goes to Python as the state "failed": the page then draws the
// whole figure on the server.
export default function (component) {
  takeNoRoom(component);
  return keepView(component, (_, fail) => new ChartContent(fail, prepare, put), readPacked, true);
}
