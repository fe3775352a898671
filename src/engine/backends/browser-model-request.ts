// Our requests in the Prompt API's terms: sampling options as the browser takes them, and the
// messages prompted after a held conversation.
import type { ChatMessage, GenerationOptions } from '../core/types.js';
import type { PromptCreateOptions, PromptMessage, SamplingMode, SamplingParams } from './browser-model-api.js';

/** The sampling a session is created with (sessions cannot change it). */
export type Sampling = Pick<PromptCreateOptions, 'temperature' | 'topK' | 'samplingMode'>;

const warned = new Set<string>();
/** Says once per page that an option has no effect on the browser's model. */
function warnOnce(option: string, why: string): void {
  if (warned.has(option)) return;
  warned.add(option);
  console.warn(`[llm-elements] ${option} is ignored by the browser's built-in model: ${why}.`);
}

/** A temperature as one of the explainer's sampling modes (web pages have no raw temperature since 2026). */
export function samplingModeFor(temperature: number): SamplingMode {
  if (temperature <= 0.1) return 'most-predictable';
  if (temperature <= 0.5) return 'predictable';
  if (temperature <= 1) return 'balanced';
  if (temperature <= 1.4) return 'creative';
  return 'most-creative';
}

/**
 * Our sampling options as the browser takes them: raw temperature and topK where it offers them
 * (`params()`: extensions, experiments, Chrome before 2026; both at once, as Chrome once required),
 * else a sampling mode for the temperature; what cannot be passed is warned about once.
 */
export function samplingFor(
  options: Omit<GenerationOptions, 'signal'>,
  params: SamplingParams | null,
  samplingModes: boolean,
): Sampling {
  const { temperature, top_k: topK } = options;
  for (const name of ['top_p', 'min_p', 'seed', 'repeat_penalty'] as const) {
    if (options[name] !== undefined) warnOnce(name, 'the Prompt API has no such setting');
  }
  if (params) {
    if (temperature === undefined && topK === undefined) return {};
    const greedy = temperature === 0 && topK === undefined;
    return {
      temperature: Math.min(temperature ?? params.defaultTemperature, params.maxTemperature),
      // Our top_k 0 means "no limit"; the API's smallest is 1 (greedy).
      topK: greedy
        ? 1
        : topK === 0
          ? params.maxTopK
          : Math.max(1, Math.min(topK ?? params.defaultTopK, params.maxTopK)),
    };
  }
  if (topK !== undefined) warnOnce('top_k', 'web pages cannot set it (only extensions can)');
  if (temperature === undefined) return {};
  if (samplingModes) return { samplingMode: samplingModeFor(temperature) };
  warnOnce('temperature', 'this browser lets only extensions set it');
  return {};
}

/** What is prompted after the held conversation: a lone user message as text, else messages (a final assistant one continued). */
export function toPrompt(remainder: readonly ChatMessage[]): string | PromptMessage[] {
  const [only] = remainder;
  if (remainder.length === 1 && only?.role === 'user') return only.content;
  return remainder.map(({ role, content }, i) =>
    i === remainder.length - 1 && role === 'assistant' ? { role, content, prefix: true } : { role, content },
  );
}
