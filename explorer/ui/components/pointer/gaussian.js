// A VAE code's Gaussian q(z|x) = N(mu, diag(sigma^2)) on the map, in the browser: draws of
// z = mu + sigma * eps, their projection onto the view's plane, the 1- and 2-sigma ellipses and
// the close-up's window, as explorer/latents.py computes them on the server (Kingma and
// Welling 2014, section 2.4, for the reparameterization trick).

// A seeded stream of standard normal numbers: mulberry32's uniforms through Box-Muller.
export function normals(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

// n draws of z = mu + sigma * eps, eps ~ N(0, I) from `seed`: n Float32Arrays.
export function drawCodes(mu, sigma, n, seed) {
  const next = normals(seed);
  return Array.from({ length: n }, () => Float32Array.from(mu, (m, d) => m + sigma[d] * next()));
}

// A code's position on the view's plane: itself on a 2-D model's own, or its PCA coordinates
// axes . (z - origin) (projections.py's PCA.transform).
export function project(z, plane) {
  if (!plane) return [z[0], z[1]];
  const { origin, axes } = plane;
  return axes.map((axis) => axis.reduce((sum, a, d) => sum + a * (z[d] - origin[d]), 0));
}

// latents.py's projected_covariance: diag(sigma^2) on the map, natively or through the plane,
// as [[a, b], [b, c]].
export function projectedCovariance(sigma, plane) {
  if (!plane) return [sigma[0] ** 2, 0, sigma[1] ** 2];
  const [u, v] = plane.axes;
  let [a, b, c] = [0, 0, 0];
  sigma.forEach((s, d) => {
    a += u[d] * u[d] * s * s;
    b += u[d] * v[d] * s * s;
    c += v[d] * v[d] * s * s;
  });
  return [a, b, c];
}

// latents.py's gaussian_ellipse: the n-sigma contour of a 2-D Gaussian as a closed polyline
// of `points` [x, y], from its covariance's eigenvalues and eigenvectors.
export function gaussianEllipse(center, [a, b, c], nSigma, points = 73) {
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  const [large, small] = [mean + radius, mean - radius];
  const angle = b === 0 ? (a >= c ? 0 : Math.PI / 2) : Math.atan2(large - a, b);
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const [r1, r2] = [nSigma * Math.sqrt(Math.max(large, 0)), nSigma * Math.sqrt(Math.max(small, 0))];
  return Array.from({ length: points }, (_, i) => {
    const t = (2 * Math.PI * i) / (points - 1);
    const [p, q] = [r1 * Math.cos(t), r2 * Math.sin(t)];
    return [center[0] + p * cos - q * sin, center[1] + p * sin + q * cos];
  });
}

// latents.py's sigma_ellipses: the 1- and 2-sigma ellipses round a code's map position.
export function sigmaEllipses(position, sigma, plane) {
  const covariance = projectedCovariance(sigma, plane);
  return [1, 2].map((k) => gaussianEllipse(position, covariance, k));
}

// latents.py's close_up_window: whether each map position (x[i], y[i]) lies within 1.5 times
// the outer ellipse's reach of its centre, plus 3% of the map's extent.
export function closeUpWindow(ellipses, x, y) {
  const inner = ellipses[0];
  const center = [0, 1].map((k) => inner.reduce((sum, p) => sum + p[k], 0) / inner.length);
  let reach = 0;
  for (const p of ellipses[ellipses.length - 1]) {
    reach = Math.max(reach, Math.abs(p[0] - center[0]), Math.abs(p[1] - center[1]));
  }
  const extent = (values) => Math.max(...values) - Math.min(...values);
  reach = reach * 1.5 + 0.03 * Math.max(extent(x), extent(y));
  const within = (xi, i) => Math.max(Math.abs(xi - center[0]), Math.abs(y[i] - center[1])) < reach;
  return Array.from(x, within);
}
