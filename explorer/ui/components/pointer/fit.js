// An image chart (the manifold, the traversal grid: plotting.py draws it with the y axis
// scale-anchored to x, both constrained to their domain) keeps its figure's height at every
// width. Where the chart is narrower than that height was chosen for (a phone), the image,
// as wide as the plot, is shorter, and bands of white stay above and below it. This shrinks
// the chart to what the image takes at its width, never taller than the figure, whenever
// Streamlit or Plotly draws it again (a resize, a rerun). It sets the height of Streamlit's
// element around the chart, which Streamlit measures and draws the chart at; only where the
// chart is still not at that height a while later does it relayout the chart itself. (A
// relayout at once was undone by each of Streamlit's next draws of the chart, and done again:
// a switch from a 20-D model to a 2-D one made 13 Plotly calls on the new grid, now 5.)
import { keepView, plotlyChart, readJson, takeNoRoom } from './page.js';

const SLACK_PX = 2; // closer than this, the chart is left as it is (no redraw for a pixel)
const FOLLOW_MS = 500; // how long Streamlit is given to draw the chart at its element's height

// The height that fits a drawn chart's image (`full`: its _fullLayout): the margins, and the
// plot's width times the image's height over its width; at most `most`.
export function fittedHeight(full, most) {
  const { l, r, t, b } = full._size;
  const [x0, x1] = full.xaxis.range;
  const [y0, y1] = full.yaxis.range;
  const aspect = Math.abs(y1 - y0) / Math.abs(x1 - x0);
  return Math.min(most, Math.ceil(t + b + (full.width - l - r) * aspect));
}

class Fit {
  constructor() {
    this.gd = null;
    this.asked = 0; // when the element was last given a height
    this.onDrawn = () => this.apply();
    this.watch = setInterval(() => this.attach(), 250); // a chart drawn anew (a new figure)
  }

  update(data) {
    this.data = data;
    this.attach();
  }

  attach() {
    const gd = plotlyChart(this.data.chart);
    if (gd !== this.gd) {
      this.gd?.removeListener?.('plotly_afterplot', this.onDrawn);
      this.gd = gd;
      gd?.on?.('plotly_afterplot', this.onDrawn);
    }
    this.apply();
  }

  apply() {
    const full = this.gd?._fullLayout;
    if (!full?._size || !full.xaxis?.range) return;
    const height = fittedHeight(full, this.data.height);
    const element = this.gd.closest('[data-testid="stElementContainer"]');
    const px = height < this.data.height - SLACK_PX ? `${height}px` : '';
    if (element && element.style.height !== px) {
      element.style.height = px;
      element.style.flex = px && `0 0 ${px}`;
      this.asked = performance.now();
    } else if (
      Math.abs(height - full.height) > SLACK_PX &&
      performance.now() - this.asked > FOLLOW_MS &&
      window.Plotly?.relayout
    ) {
      window.Plotly.relayout(this.gd, { height });
    }
  }

  destroy() {
    clearInterval(this.watch);
    this.gd?.removeListener?.('plotly_afterplot', this.onDrawn);
  }
}

export default function (component) {
  takeNoRoom(component);
  return keepView(component, () => new Fit(), readJson);
}
