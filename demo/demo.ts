// The demo page's script: registers the elements and lets the visitor choose another model.
import '../src/cdn.js'; // every element, and web-llm as the script tag has it

const model = document.getElementById('model') as HTMLElementTagNameMap['llm-model'];
const url = document.getElementById('model-url') as HTMLInputElement;

/** The field's URL, absolute or relative to this page (as the default is), or null when it is none. */
function modelUrl(value: string): string | null {
  try {
    const parsed = new URL(value, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

url.addEventListener('input', () => url.setCustomValidity(''));
document.getElementById('model-form')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = url.value.trim();
  if (!modelUrl(value)) {
    url.setCustomValidity(
      'Enter the URL of a GGUF file: https://… or a path on this site, such as /models/model.gguf.',
    );
    url.reportValidity();
    return;
  }
  // The field as typed: a relative path stays relative, as in the page's own markup.
  model.src = value;
  // "Use this model" loads it now. A new model replacing a loaded one is already loading (once the
  // element has updated); the one in use, named again, stays as it is. Failures show in <llm-status>.
  void model.updateComplete.then(() => {
    if (model.status === 'idle' || model.status === 'error') model.load().catch(() => {});
  });
});
model.addEventListener('llm-error', (event) => console.warn(`[demo] ${event.detail.code}: ${event.detail.message}`));
model.addEventListener('llm-ready', (event) => {
  const { modelInfo, backend, reason } = event.detail;
  console.info(`[demo] ${modelInfo.name} (${modelInfo.contextSize} tokens of context) on ${backend}: ${reason}`);
});
