// The draw-and-guess page: records pointer strokes as QuickDraw raw strokes [[x...], [y...], [t...]] (canvas pixels,
// milliseconds since the first point), and asks for the top labels while you draw, either from the server
// (POST /api/predict) or from the same ONNX model run here by onnxruntime-web with preprocess.js.
// body[data-state]: loading | ready | busy | error. window.quickdraw exposes the drawing and the last prediction (tests).
import * as preprocess from './preprocess.js';

const canvas = document.getElementById('canvas');
const context = canvas.getContext('2d');
const list = document.getElementById('predictions');
const status = document.getElementById('status');
const strokes = [];
let current = null;
let startTime = 0;
let model = null;
let session = null;
let mode = 'server';
let inFlight = false;
let again = false;
let shown = null;
let lastAsk = 0;

function setState(state, message) {
  document.body.dataset.state = state;
  if (message !== undefined) status.textContent = message;
}

function drawing() {
  return strokes.map((s) => [s[0].slice(), s[1].slice(), s[2].slice()]);
}

function pointCount(d) {
  return d.reduce((n, s) => n + s[0].length, 0);
}

function render() {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== 400 * ratio) {
    canvas.width = 400 * ratio;
    canvas.height = 400 * ratio;
    canvas.style.width = '400px';
    canvas.style.height = '400px';
  }
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, 400, 400);
  context.lineWidth = 4;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.strokeStyle = '#1d2330';
  for (const s of strokes) {
    context.beginPath();
    context.moveTo(s[0][0], s[1][0]);
    for (let i = 1; i < s[0].length; i++) context.lineTo(s[0][i], s[1][i]);
    if (s[0].length === 1) context.lineTo(s[0][0] + 0.01, s[1][0]);
    context.stroke();
  }
}

function addPoint(event) {
  current[0].push(event.offsetX);
  current[1].push(event.offsetY);
  current[2].push(Math.max(0, Math.round(event.timeStamp - startTime)));
}

canvas.addEventListener('pointerdown', (event) => {
  if (!model) return;
  canvas.setPointerCapture(event.pointerId);
  if (strokes.length === 0) startTime = event.timeStamp;
  current = [[], [], []];
  strokes.push(current);
  addPoint(event);
  render();
});

canvas.addEventListener('pointermove', (event) => {
  if (!current) return;
  const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
  for (const e of events.length > 0 ? events : [event]) addPoint(e);
  render();
  if (performance.now() - lastAsk > 120) ask();
});

function endStroke() {
  if (!current) return;
  current = null;
  ask();
}

canvas.addEventListener('pointerup', endStroke);
canvas.addEventListener('pointercancel', endStroke);

document.getElementById('undo').addEventListener('click', () => { strokes.pop(); current = null; render(); ask(); });
document.getElementById('clear').addEventListener('click', () => { strokes.length = 0; current = null; render(); ask(); });
document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === 'z') document.getElementById('undo').click();
});

for (const radio of document.querySelectorAll('input[name="mode"]')) {
  radio.addEventListener('change', async () => {
    mode = radio.value;
    if (mode === 'browser' && !session) {
      try {
        setState('busy', 'Loading the model into the browser…');
        await loadSession();
      } catch (error) {
        setState('error', `In-browser mode failed: ${error.message}`);
        return;
      }
    }
    shown = null;
    ask();
  });
}

async function loadSession() {
  if (typeof ort === 'undefined') throw new Error('onnxruntime-web did not load (ort/ort.wasm.min.js)');
  ort.env.wasm.wasmPaths = new URL('ort/', document.baseURI).href;
  ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
  session = await ort.InferenceSession.create(model.onnx, { executionProviders: ['wasm'] });
}

// At most one prediction in flight; drawing on meanwhile asks again once it is back, with the latest strokes.
async function ask() {
  lastAsk = performance.now();
  if (inFlight) { again = true; return; }
  inFlight = true;
  try {
    do {
      again = false;
      const d = drawing();
      if (pointCount(d) === 0) {
        show({ mode, strokes: 0, points: 0, predictions: [], milliseconds: 0 });
        continue;
      }
      setState('busy');
      const started = performance.now();
      const predictions = mode === 'browser' ? await predictInBrowser(d) : await predictOnServer(d);
      show({ mode, strokes: d.length, points: pointCount(d), predictions, milliseconds: performance.now() - started });
    } while (again);
    setState('ready');
  } catch (error) {
    setState('error', error.message);
  } finally {
    inFlight = false;
  }
}

async function predictOnServer(d) {
  const response = await fetch('api/predict', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ drawing: d }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || `${response.status} ${response.statusText}`);
  return body.predictions;
}

async function predictInBrowser(d) {
  const features = preprocess.features(d, model.preprocessing);
  const steps = features.length / 5;
  const [strokesInput, lengthsInput] = [model.inputs.find((i) => i.elementType === 'float32'), model.inputs.find((i) => i.elementType === 'int64')];
  const feeds = {
    [strokesInput.name]: new ort.Tensor('float32', features, [1, steps, 5]),
    [lengthsInput.name]: new ort.Tensor('int64', BigInt64Array.from([BigInt(steps)]), [1]),
  };
  const results = await session.run(feeds);
  return preprocess.topK(results[model.outputs[0].name].data, model.labels, model.topK);
}

function show(prediction) {
  shown = prediction;
  list.replaceChildren(...prediction.predictions.map((p) => {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = p.label;
    const probability = document.createElement('span');
    probability.className = 'probability';
    probability.textContent = `${(p.probability * 100).toFixed(1)} %`;
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.style.width = `${Math.max(1, p.probability * 100)}%`;
    item.append(label, probability, bar);
    return item;
  }));
  status.textContent = prediction.points === 0
    ? 'Draw something.'
    : `${prediction.mode === 'browser' ? 'In the browser' : 'On the server'}: ${prediction.milliseconds.toFixed(0)} ms for ${prediction.points} points in ${prediction.strokes} stroke${prediction.strokes === 1 ? '' : 's'}.`;
}

window.quickdraw = {
  drawing,
  features: (d) => preprocess.features(d, model.preprocessing),
  shown: () => shown,
  get mode() { return mode; },
  get model() { return model; },
};

async function start() {
  try {
    const response = await fetch('api/model');
    if (!response.ok) throw new Error(`GET api/model: ${response.status}`);
    model = await response.json();
    document.getElementById('model').textContent = `${model.name}: ${model.labels.join(', ')}`;
    const problem = preprocess.incompatibility(model.preprocessing);
    if (problem) {
      document.querySelector('input[value="browser"]').disabled = true;
      document.querySelector('input[value="browser"]').parentElement.title = `Not available: ${problem}`;
    }
    render();
    setState('ready', 'Draw something.');
  } catch (error) {
    setState('error', `Could not load the model: ${error.message}`);
  }
}

start();
