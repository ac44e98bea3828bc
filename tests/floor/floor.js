// A click, as the Latent Map's pointer layer sends one (its state's "pick"), made by the
// benchmark through window.floorPick; window.floorAnswered says which click the server answered.
export default function (component) {
  const { data, setStateValue } = component;
  window.floorPick = (click) => setStateValue('pick', { row: click, click });
  window.floorAnswered = data.answered;
}
