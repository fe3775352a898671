// Counting a text's tokens with llama.cpp's own tokenizer through wllama, which has no tokenize call.
// llama.cpp counts a prompt before it runs it, and refuses one longer than the context with the
// count, having evaluated nothing. So the text goes with a context's worth of one special token
// after it ("</s>"): the tokenizer splits special tokens out before it reads the text, so each is
// exactly one token and the text is counted as it is alone. wllama queues its worker calls, and
// llama.cpp holds the request until a running answer ends (one slot): it never disturbs a generation.
import type { Wllama } from '@wllama/wllama';
import { messageOf } from '../storage/download-errors.js';

/** Special tokens' text many models share; the model's chat template names its own first. */
const COMMON_SPECIALS = ['</s>', '<|endoftext|>', '<|im_end|>', '<|eot_id|>', '<end_of_turn>', '<eos>', '<|end|>'];

/** Tokens in llama.cpp's refusal: "request (290 tokens) exceeds the available context size (256 tokens)". */
function refusedTokens(error: unknown): number | null {
  const match = /request \((\d+) tokens\) exceeds the available context size/.exec(messageOf(error));
  return match ? Number(match[1]) : null;
}

export class WllamaTokenCounter {
  private readonly wllama: Wllama;
  /** The special token's text that pads a count (null: none found; then the engine estimates). */
  private padding: Promise<string | null> | null = null;

  constructor(wllama: Wllama) {
    this.wllama = wllama;
  }

  /** Tokens of `text` (without the beginning-of-text token), or undefined if it cannot count. */
  async count(text: string, signal?: AbortSignal): Promise<number | undefined> {
    this.padding ??= this.findPadding(signal).catch((error: unknown) => {
      this.padding = null; // aborted or failed: the next count looks again
      throw error;
    });
    const pad = await this.padding;
    if (pad === null) return undefined;
    const tokens = await this.measure(text, pad, signal);
    return tokens === null ? undefined : tokens - this.padCount() - this.bos();
  }

  /** One more than the context, so even an empty text is refused. */
  private padCount(): number {
    return this.wllama.getLoadedContextInfo().n_ctx + 1;
  }

  private bos(): number {
    return this.wllama.mustAddBosToken() ? 1 : 0;
  }

  /** The first candidate that counts as one token each time it is written. */
  private async findPadding(signal?: AbortSignal): Promise<string | null> {
    const template = this.wllama.getChatTemplate() ?? '';
    const named = template.match(/<\|[^|<>\s]{1,40}\|>|<\/?[a-z_]{1,20}>|<｜[^<>\s]{1,40}｜>/g) ?? [];
    for (const candidate of new Set([...named, ...COMMON_SPECIALS])) {
      if ((await this.measure('', candidate, signal)) === this.padCount() + this.bos()) return candidate;
    }
    return null;
  }

  /** llama.cpp's count of `text` followed by the padding, or null if it ran it instead of refusing. */
  private async measure(text: string, pad: string, signal?: AbortSignal): Promise<number | null> {
    try {
      const prompt = text + pad.repeat(this.padCount());
      await this.wllama.createCompletion({
        prompt,
        max_tokens: 1,
        abortSignal: signal,
        stream: true,
        onData: () => {},
      });
    } catch (error) {
      const tokens = refusedTokens(error);
      if (tokens === null) throw error;
      return tokens;
    }
    return null;
  }
}
