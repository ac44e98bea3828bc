// A map's points, put into its Plotly chart in the browser (pointer.py's points_ui). Streamlit
// replaces a chart, and the browser makes it new WebGL contexts, whenever its figure changes:
// a model switch then cost a second and more where WebGL is drawn in software. So the map's
// figure holds no model's points, and stays the same from model to model; its points and axis
// titles come here, as bytes, and go in with Plotly.update on the same chart.
import { readPacked, unpack } from './decoder.js';
import { keepView, plotlyChart } from './page.js';

const WAIT_MS = 10000; // for the chart, and for plotly.js, before saying the browser cannot

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

class Points {
  constructor(fail) {
    this.fail = fail;
    this.gd = null;
    this.shown = null; // the revision the chart shows
    this.drawn = null; // the revision last put in, in this chart or one before it
    this.waited = 0;
    // Streamlit draws its figure again (Plotly.react) when it mounts or resizes the chart:
    // put the points back in. A new chart (another figure: the holes layer) is found anew.
    this.onReact = () => {
      this.shown = null;
      this.apply();
    };
    this.watch = setInterval(() => this.apply(), 250);
  }

  update(points) {
    if (points.revision !== this.points?.revision) this.arrays = traces(points);
    this.points = points;
    this.apply();
  }

  apply() {
    const gd = plotlyChart(this.points.chart);
    if (gd !== this.gd) {
      this.gd?.removeListener?.('plotly_react', this.onReact);
      this.gd = gd;
      this.shown = null;
      gd?.on?.('plotly_react', this.onReact);
    }
    const Plotly = window.Plotly; // Streamlit's own plotly.js, the one that drew the chart
    if (!gd?._fullLayout || !Plotly?.update) {
      this.waited += 250;
      if (this.waited >= WAIT_MS) {
        clearInterval(this.watch);
        this.fail(gd ? 'plotly.js is not reachable from the page' : 'the map never appeared');
      }
      return;
    }
    this.waited = 0;
    if (this.shown === this.points.revision) return;
    const [xTitle, yTitle] = this.points.titles;
    const layout = {
      'xaxis.title.text': xTitle,
      'yaxis.title.text': yTitle,
      ...legendLayout(gd.clientWidth, Boolean(gd.layout.legend2)),
    };
    if (this.drawn !== this.points.revision) {
      layout['xaxis.autorange'] = true; // another model's or view's points: show them all
      layout['yaxis.autorange'] = true;
    }
    const indices = this.arrays.x.map((_, i) => i);
    this.shown = this.drawn = this.points.revision;
    const image = gd._context?.toImageButtonOptions;
    if (image) image.filename = this.points.image; // the PNG download names the model
    Plotly.update(gd, this.arrays, layout, indices);
  }

  destroy() {
    clearInterval(this.watch);
    this.gd?.removeListener?.('plotly_react', this.onReact);
  }
}

// What the browser cannot do goes to Python as the state "failed": the page then draws the
// whole figure on the server.
export default function (component) {
  return keepView(component, (_, fail) => new Points(fail), readPacked, true);
}
