// The demo page's script. It uses the engine directly; the elements join it as they land.
import { Engine, type Generation } from '../src/engine/index.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLParagraphElement>('status');
const progress = $<HTMLProgressElement>('progress');
const output = $<HTMLOutputElement>('output');
const stats = $<HTMLParagraphElement>('stats');
const stop = $<HTMLButtonElement>('stop');
const modelUrl = $<HTMLInputElement>('model-url');

const engine = new Engine({ source: modelUrl.value });
let current: Generation | null = null;

engine.addEventListener('progress', (event) => {
  progress.value = event.progress.fraction;
});
engine.addEventListener('statuschange', (event) => {
  const reason = engine.selection?.reason ?? '';
  status.textContent =
    event.status === 'error'
      ? `Error: ${event.error?.message ?? 'unknown'}`
      : `${event.status[0]?.toUpperCase()}${event.status.slice(1)}. ${reason}`;
});

$<HTMLFormElement>('model-form').addEventListener('submit', (event) => {
  event.preventDefault();
  engine.load(modelUrl.value).catch(() => {
    /* shown through statuschange */
  });
});

$<HTMLFormElement>('prompt-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  current?.abort();
  const prompt = $<HTMLTextAreaElement>('prompt').value;
  output.textContent = prompt;
  stats.textContent = '';
  stop.disabled = false;
  const generation = engine.complete(prompt, { max_tokens: 200, temperature: 0.7 });
  current = generation;
  try {
    // textContent, never innerHTML: model output is untrusted.
    for await (const delta of generation) output.textContent += delta;
  } catch {
    /* the result below carries the error */
  }
  const result = await generation.result;
  stop.disabled = true;
  stats.textContent =
    result.finishReason === 'error'
      ? `Error: ${result.error?.message}`
      : `${result.completionTokens} tokens, ${result.tokensPerSecond.toFixed(1)} tokens/s (${result.finishReason}).`;
});

stop.addEventListener('click', () => current?.abort());
