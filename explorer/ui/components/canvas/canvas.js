// White strokes on black, like MNIST; the picture goes back to Python as a PNG data URL
// whenever a stroke ends. Handlers are attached once, however often the component renders.
export default function(component) {
  const { parentElement, setStateValue, data } = component;
  const canvas = parentElement.querySelector('canvas');
  const label = data ? new TextDecoder().decode(data) : ''; // the Clear button's, as bytes
  parentElement.querySelector('button').textContent = label || 'Clear';
  if (canvas.dataset.ready) return;
  canvas.dataset.ready = '1';
  const ctx = canvas.getContext('2d');
  const clear = () => { ctx.fillStyle = '#000'; ctx.fillRect(0, 0, 280, 280); };
  clear();
  Object.assign(ctx, { strokeStyle: '#fff', lineWidth: 20, lineCap: 'round', lineJoin: 'round' });
  let drawing = false;
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * 280 / r.width, (e.clientY - r.top) * 280 / r.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    ctx.beginPath();
    ctx.moveTo(...at(e));
    ctx.lineTo(...at(e));
    ctx.stroke();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (drawing) { ctx.lineTo(...at(e)); ctx.stroke(); }
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    setStateValue('image', canvas.toDataURL('image/png'));
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  parentElement.querySelector('button').addEventListener('click', () => {
    clear();
    setStateValue('image', '');
  });
}
