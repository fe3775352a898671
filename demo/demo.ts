// The demo page's script: registers the elements and lets the visitor choose another model.
import '../src/cdn.js'; // every element, and web-llm as the script tag has it

const model = document.getElementById('model') as HTMLElementTagNameMap['llm-model'];
const url = document.getElementById('model-url') as HTMLInputElement;

document.getElementById('model-form')?.addEventListener('submit', (event) => {
  event.preventDefault();
  model.src = url.value;
});
model.addEventListener('llm-error', (event) => console.warn(`[demo] ${event.detail.code}: ${event.detail.message}`));
model.addEventListener('llm-ready', (event) => {
  const { modelInfo, backend, reason } = event.detail;
  console.info(`[demo] ${modelInfo.name} (${modelInfo.contextSize} tokens of context) on ${backend}: ${reason}`);
});
