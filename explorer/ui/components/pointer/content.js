// A chart's content as Python gives it, Plotly.update's arguments as they are (pointer.py's
// chart_content_ui: a 2-D model's manifold grid and its axes' labels), put into a chart whose
// figure stays the same from model to model, by page.js's ChartContent.
import { ChartContent, keepView, readJson, takeNoRoom } from './page.js';

const asGiven = (data) => data;
const put = (data) => [data.traces, data.layout, data.indices];

// What the browser cannot do goes to Python as the state "failed", as points.js's does.
export default function (component) {
  takeNoRoom(component);
  return keepView(component, (_, fail) => new ChartContent(fail, asGiven, put), readJson, true);
}
