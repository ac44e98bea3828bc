// panel.js's and page.js's pure helpers: Python's formatting as the panel needs it
// (node --test tests/js/); the whole panel against the server's is in tests/test_app.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const { format, formatG } = await import('../../explorer/ui/components/pointer/page.js');
const { barsUpdate, pointCsv } = await import('../../explorer/ui/components/pointer/panel.js');

test('formatG writes numbers as Python writes f"{v:.5g}"', () => {
  const cases = [
    [0, '0'], [-0, '-0'], [1, '1'], [1.5, '1.5'], [-2.25, '-2.25'], [0.1, '0.1'],
    [123456, '1.2346e+05'], [99999.5, '1e+05'], [12345, '12345'], [0.0001, '0.0001'],
    [0.00001234567, '1.2346e-05'], [3.14159265, '3.1416'], [-0.000123456, '-0.00012346'],
    [1e-300, '1e-300'], [2.5e20, '2.5e+20'],
  ];
  for (const [value, python] of cases) assert.equal(formatG(value), python, String(value));
});

test('format fills plain, article, fixed and percent fields', () => {
  const articled = { 8: 'an 8', 7: 'a 7' };
  assert.equal(format('#{row}: {digit:a}', { row: 3, digit: 8 }, articled), '#3: an 8');
  assert.equal(format('({x:.2f}, {y:.2f})', { x: 1.005, y: -2 }), '(1.00, -2.00)');
  assert.equal(format('{p:.0%} sure', { p: 0.987 }), '99% sure');
  assert.throws(() => format('{x:>5}', { x: 1 }), /no format/);
});

test('pointCsv writes the fields, then each latent and sigma, quoting where Python would', () => {
  const csv = pointCsv({ model: 'vae-2d', row: '', class: 'Shirt, long' }, [0.5, -1], [0.25, 2]);
  assert.equal(
    csv,
    'model,row,class,latent_1,latent_2,sigma_1,sigma_2\nvae-2d,,"Shirt, long",0.5,-1,0.25,2\n',
  );
});

test('barsUpdate hides the whiskers of a code without sigma', () => {
  assert.deepEqual(barsUpdate(Float32Array.of(1, 2), null), {
    y: [[1, 2]], 'error_y.array': [[0, 0]], 'error_y.visible': [false],
  });
  assert.deepEqual(barsUpdate([1], [0.5])['error_y.visible'], [true]);
});
