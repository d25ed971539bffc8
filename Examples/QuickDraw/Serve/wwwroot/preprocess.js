// The training preprocessing of the QuickDraw example, in JavaScript, for the in-browser mode. It mirrors the C# code
// step by step (Runtime/Data/Strokes/QuickDrawSimplification.cs, StrokeResampling.cs and
// Examples/QuickDraw/Pipeline/SketchFeatures.cs): where C# stores a float, this rounds with Math.fround, so both
// produce the same features; the browser test holds them to 1e-5 on the same drawings.
// A drawing is an array of strokes [[x...], [y...]] or [[x...], [y...], [t...]].

const f32 = Math.fround;

/** The pipeline this file implements; a model whose recorded preprocessing differs is not run in the browser. */
export const pipeline = Object.freeze({
  pipeline: 'quickdraw-strokes',
  version: 1,
  rawDrawings: 'quickdraw-simplification',
  features: ['dx', 'dy', 'pen_lift', 'x', 'y'],
});

/** Why this file cannot apply a model's recorded preprocessing, or null when it can. */
export function incompatibility(p) {
  if (!p || p.pipeline !== pipeline.pipeline || p.version !== pipeline.version || p.rawDrawings !== pipeline.rawDrawings
      || !Array.isArray(p.features) || p.features.join(',') !== pipeline.features.join(',')) {
    return `the model's preprocessing (${p && p.pipeline} v${p && p.version}) is not ${pipeline.pipeline} v${pipeline.version}`;
  }
  return Number.isInteger(p.maxPoints) && p.maxPoints > 0 && p.offsetScale > 0 ? null : 'the model records no usable maxPoints / offsetScale';
}

/** Strokes as float32 values (what the server reads from JSON), times dropped for the arithmetic. */
function toFloatStrokes(drawing) {
  return drawing.map((s) => ({ x: s[0].map(f32), y: s[1].map(f32), timed: s.length > 2 }));
}

/** No times and every coordinate a whole number in 0..255: already simplified (QuickDrawSimplification.IsSimplified). */
export function isSimplified(strokes) {
  const onGrid = (v) => v >= 0 && v <= 255 && v === Math.floor(v);
  return strokes.every((s) => !s.timed && s.x.every(onGrid) && s.y.every(onGrid));
}

/** Google's simplification: 0-255 box, 1 px resampling, RDP with epsilon 2, rounded (QuickDrawSimplification.Simplify). */
export function googleSimplify(strokes) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const s of strokes) {
    for (let i = 0; i < s.x.length; i++) {
      minX = Math.min(minX, s.x[i]); maxX = Math.max(maxX, s.x[i]);
      minY = Math.min(minY, s.y[i]); maxY = Math.max(maxY, s.y[i]);
    }
  }
  const extent = Math.max(maxX - minX, maxY - minY);
  const scale = extent > 0 ? 255 / extent : 0;
  const boxed = strokes.map((s) => ({ x: s.x.map((v) => f32((v - minX) * scale)), y: s.y.map((v) => f32((v - minY) * scale)) }));
  const simplified = boxed.map((s) => simplifyStroke(resampleStroke(s, 1), 2));
  const round = (v) => f32(Math.min(255, Math.max(0, Math.round(v))));
  return simplified.map((s) => ({ x: s.x.map(round), y: s.y.map(round), timed: false }));
}

/** Points at arc-length 0, spacing, 2 spacing, ... plus the last point (StrokeResampling.Resample). */
export function resampleStroke(s, spacing) {
  const n = s.x.length;
  if (n <= 1) return s;
  const xs = [s.x[0]], ys = [s.y[0]];
  let next = spacing, walked = 0;
  for (let i = 1; i < n; i++) {
    const x0 = s.x[i - 1], y0 = s.y[i - 1];
    const segment = Math.sqrt(((s.x[i] - x0) * (s.x[i] - x0)) + ((s.y[i] - y0) * (s.y[i] - y0)));
    while (segment > 0 && next <= walked + segment + 1e-9) {
      const f = Math.min(1, (next - walked) / segment);
      xs.push(f32(x0 + (f * (s.x[i] - x0))));
      ys.push(f32(y0 + (f * (s.y[i] - y0))));
      next += spacing;
    }
    walked += segment;
  }
  const lx = s.x[n - 1], ly = s.y[n - 1];
  const dx = f32(lx - xs[xs.length - 1]), dy = f32(ly - ys[ys.length - 1]);
  if (f32(f32(dx * dx) + f32(dy * dy)) > f32(f32(f32(1e-6) * spacing) * spacing)) {
    xs.push(lx);
    ys.push(ly);
  }
  return { x: xs, y: ys };
}

/** Ramer-Douglas-Peucker: keep a point farther than epsilon from its chord (StrokeResampling.Simplify). */
export function simplifyStroke(s, epsilon) {
  const n = s.x.length;
  if (n <= 2) return s;
  const keep = new Array(n).fill(false);
  keep[0] = keep[n - 1] = true;
  const pending = [[0, n - 1]];
  while (pending.length > 0) {
    const [first, last] = pending.pop();
    const ax = s.x[first], ay = s.y[first];
    const vx = s.x[last] - ax, vy = s.y[last] - ay;
    const length = Math.sqrt((vx * vx) + (vy * vy));
    let worst = -1, worstIndex = -1;
    for (let i = first + 1; i < last; i++) {
      const px = s.x[i] - ax, py = s.y[i] - ay;
      const d = length > 0 ? Math.abs((vx * py) - (vy * px)) / length : Math.sqrt((px * px) + (py * py));
      if (d > worst) { worst = d; worstIndex = i; }
    }
    if (worstIndex >= 0 && worst > epsilon) {
      keep[worstIndex] = true;
      pending.push([first, worstIndex], [worstIndex, last]);
    }
  }
  return { x: s.x.filter((_, i) => keep[i]), y: s.y.filter((_, i) => keep[i]) };
}

const countPoints = (strokes) => strokes.reduce((n, s) => n + s.x.length, 0);

/** RDP with a tolerance doubling from 0.5 until at most maxPoints remain, then cut (StrokeResampling.SimplifyToMaxPoints). */
export function simplifyToMaxPoints(strokes, maxPoints) {
  let current = strokes;
  let count = countPoints(current);
  const floor = strokes.reduce((n, s) => n + Math.min(2, s.x.length), 0);
  for (let epsilon = 0.5; count > maxPoints && epsilon < 1e7; epsilon *= 2) {
    current = strokes.map((s) => simplifyStroke(s, epsilon));
    count = countPoints(current);
    if (count === floor) break;
  }
  if (count <= maxPoints) return current;
  const cut = [];
  let left = maxPoints;
  for (const s of current) {
    if (left === 0) break;
    const take = Math.min(left, s.x.length);
    cut.push({ x: s.x.slice(0, take), y: s.y.slice(0, take) });
    left -= take;
  }
  return cut;
}

/**
 * The model's input for a drawing: Float32Array [time * 5] of (dx / offsetScale, dy / offsetScale, pen lift, x, y),
 * the points centred with the longer side scaled to [-1, 1] (SketchFeatures.Prepare and Encode).
 */
export function features(drawing, preprocessing) {
  let strokes = toFloatStrokes(drawing);
  if (!isSimplified(strokes)) strokes = googleSimplify(strokes);
  strokes = simplifyToMaxPoints(strokes, preprocessing.maxPoints);
  const x = [], y = [], ends = [];
  for (const s of strokes) {
    for (let p = 0; p < s.x.length; p++) {
      x.push(s.x[p]); y.push(s.y[p]); ends.push(p === s.x.length - 1);
    }
  }
  if (x.length > 0) {
    let minX = x[0], maxX = x[0], minY = y[0], maxY = y[0];
    for (let i = 1; i < x.length; i++) {
      minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
    }
    const extent = Math.max(f32(maxX - minX), f32(maxY - minY));
    const scale = extent > 0 ? f32(2 / extent) : 1;
    const cx = f32(f32(minX + maxX) / 2), cy = f32(f32(minY + maxY) / 2);
    for (let i = 0; i < x.length; i++) {
      x[i] = f32(f32(x[i] - cx) * scale);
      y[i] = f32(f32(y[i] - cy) * scale);
    }
  }
  const s = f32(preprocessing.offsetScale);
  const out = new Float32Array(x.length * 5);
  for (let i = 0; i < x.length; i++) {
    const o = i * 5;
    out[o] = i === 0 ? 0 : f32(f32(x[i] - x[i - 1]) / s);
    out[o + 1] = i === 0 ? 0 : f32(f32(y[i] - y[i - 1]) / s);
    out[o + 2] = ends[i] ? 1 : 0;
    out[o + 3] = x[i];
    out[o + 4] = y[i];
  }
  return out;
}

/** Softmax probabilities (in double, as OnnxPredictor) and the k most likely labels, ties by index. */
export function topK(logits, labels, k) {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  const p = Array.from(logits, (v) => Math.exp(v - max));
  const sum = p.reduce((a, b) => a + b, 0);
  return p.map((v, i) => ({ index: i, probability: v / sum }))
    .sort((a, b) => (b.probability - a.probability) || (a.index - b.index))
    .slice(0, Math.min(k, labels.length))
    .map((e) => ({ label: labels[e.index], probability: f32(e.probability) }));
}
