// What the pointer layer (pointer.js) marks over a chart: the chosen point, lines, labels, a
// star, and where its lens starts; and the way the layer's picks go to Python, as this
// component's state "pick". A component of its own, so that the element that changes on every
// click is this small one, while the pointer layer's, with its script, is sent once.
import { readJson, showMarks, takeNoRoom } from './page.js';

export default function (component) {
  takeNoRoom(component);
  return showMarks(component, readJson(component.data));
}
