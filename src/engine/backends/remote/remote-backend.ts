// A backend on a server that speaks OpenAI's Chat Completions API (vLLM, llama.cpp's server, Ollama,
// LM Studio, …): for devices that cannot run the model. Streams server-sent events; every request can
// be stopped; the server's refusals become clear errors. Loaded with import() by pages that use it.
import { LlmError, abortError, isAbort } from '../../core/errors.js';
import type { ModelInfo, RemoteEndpoint } from '../../core/types.js';
import { DEFAULT_STALL_TIMEOUT_MS } from '../../core/defaults.js';
import { delay } from '../../core/delay.js';
import { callArguments, type ToolCall } from '../../tools/tool-types.js';
import type { Backend, BackendGenerateRequest, BackendGenerateResult, BackendLoadRequest } from '../backend.js';
import { toOpenAiMessages, toOpenAiTools } from '../openai-messages.js';
import { serverEvents } from './server-events.js';
import { responseError, unreachableError } from './server-errors.js';
import { serverHost } from './server-host.js';

/** The longest Retry-After waited for quietly; a longer one is the visitor's to wait (the error says how long). */
const MAX_QUIET_WAIT_MS = 10_000;

type StreamedCall = { index?: number; id?: string; function?: { name?: string; arguments?: string } };
type Chunk = {
  choices?: Array<{
    delta?: { content?: string | null; tool_calls?: StreamedCall[] };
    text?: string;
    finish_reason?: string | null;
  }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  error?: { message?: string } | string;
};

export class RemoteBackend implements Backend {
  readonly kind = 'remote' as const;
  private stallMs = DEFAULT_STALL_TIMEOUT_MS;
  private endpoint: RemoteEndpoint = { url: '', model: '' };

  /** The server's host, as the visitor is told it ("messages go to llm.example.com"). */
  get host(): string {
    return serverHost(this.endpoint.url);
  }

  private url(path: string): string {
    return `${this.endpoint.url.replace(/\/+$/, '')}/${path}`;
  }

  /** Asks the server which models it has: it answers, accepts the credentials, and has this model. */
  async load(request: BackendLoadRequest): Promise<ModelInfo> {
    if (!request.remote) throw new LlmError('backend-unavailable', 'No server is given for the remote backend.');
    this.endpoint = request.remote;
    this.stallMs = Math.min(request.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS, 2 ** 31 - 1);
    const response = await this.fetch(this.url('models'), { method: 'GET' }, request.signal);
    const { model } = this.endpoint;
    const listed = (await response.json().catch(() => null)) as { data?: Array<{ id?: unknown }> } | null;
    const names = listed?.data?.map((entry) => String(entry.id)) ?? [];
    // A server that lists models and not this one would refuse every request: said now, with what it has.
    if (names.length && !names.includes(model)) {
      throw new LlmError(
        'model-not-found',
        `${this.host} has no model "${model}"; it has ${names.slice(0, 8).join(', ')}.`,
      );
    }
    const contextSize = this.endpoint.contextSize ?? 8192;
    return {
      name: model,
      architecture: 'remote',
      contextSize,
      trainedContextSize: contextSize,
      chatTemplate: null,
      chatFormat: 'library',
      sizeBytes: 0,
    };
  }

  /** A fetch with the page's headers, bounded until the response starts; failures as `LlmError`s. */
  private async fetch(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const headers = { ...(await this.endpoint.headers?.()) };
    const started = new AbortController();
    const timer = setTimeout(() => started.abort(), this.stallMs);
    const onAbort = () => started.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let response: Response;
    try {
      response = await fetch(url, { ...init, headers: { ...headers, ...init.headers }, signal: started.signal });
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if (started.signal.aborted) {
        throw new LlmError('network', `${this.host} did not answer within ${Math.round(this.stallMs / 1000)} s.`);
      }
      throw await unreachableError(url, this.host, error);
    } finally {
      clearTimeout(timer);
    }
    // From here on `onAbort` still stops the body's read; its bound is serverEvents'.
    if (!response.ok) throw await responseError(response, this.host, this.endpoint.model);
    return response;
  }

  /** Servers constrain a chat to a JSON Schema (`response_format`); their grammars differ, so none is sent. */
  canConstrain(constraint: 'schema' | 'grammar', input: 'chat' | 'complete'): boolean {
    return constraint === 'schema' && input === 'chat';
  }

  /** The API's `tools` and `tool_calls`. */
  canUseTools(): boolean {
    return true;
  }

  async generate(request: BackendGenerateRequest): Promise<BackendGenerateResult> {
    const { input, options, signal, onDelta, tools } = request;
    if (signal.aborted) throw abortError(signal);
    const chat = input.kind === 'chat';
    const body: Record<string, unknown> = {
      model: this.endpoint.model,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: options.max_tokens,
      temperature: options.temperature,
      top_p: options.top_p,
      seed: options.seed,
      stop: options.stop?.length ? options.stop : undefined,
      // Not OpenAI's, but vLLM's, llama.cpp's and Ollama's: sent only when the page sets them.
      top_k: options.top_k,
      min_p: options.min_p,
      repeat_penalty: options.repeat_penalty,
      ...(chat ? { messages: toOpenAiMessages(input.messages) } : { prompt: input.prompt }),
    };
    if (options.schema !== undefined) {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: options.schema, strict: true },
      };
    }
    if (tools?.length) {
      body.tools = toOpenAiTools(tools);
      const choice = options.tool_choice ?? 'auto';
      body.tool_choice = typeof choice === 'object' ? { type: 'function', function: { name: choice.name } } : choice;
    }
    const send = () =>
      this.fetch(
        this.url(chat ? 'chat/completions' : 'completions'),
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        signal,
      );
    const response = await send().catch(async (error: unknown) => {
      // A rate limit with a short Retry-After is honoured once, before the visitor sees anything.
      const wait = LlmError.is(error) ? error.retryAfterMs : undefined;
      if (wait === undefined || wait > MAX_QUIET_WAIT_MS) throw error;
      await delay(wait, signal).catch(() => {
        throw abortError(signal);
      });
      return send();
    });
    if (!response.body) throw new LlmError('inference', `${this.host} sent an empty answer.`);
    let finishReason: BackendGenerateResult['finishReason'] = 'stop';
    let usage: Chunk['usage'];
    const calls = new Map<number, { id?: string; name: string; arguments: string }>();
    try {
      for await (const event of serverEvents(response.body, { stallMs: this.stallMs, signal, host: this.host })) {
        if (!('json' in event)) {
          const shown = event.text.length > 80 ? `${event.text.slice(0, 80)}…` : event.text;
          throw new LlmError('inference', `${this.host} sent an event that is not JSON: "${shown}".`);
        }
        const chunk = event.json as Chunk;
        if (chunk.error) {
          const said = typeof chunk.error === 'string' ? chunk.error : (chunk.error.message ?? 'unknown error');
          throw new LlmError('inference', `${this.host} failed during the answer: ${said}`);
        }
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices?.[0];
        const text = choice?.delta?.content ?? choice?.text;
        if (text) onDelta(text);
        for (const call of choice?.delta?.tool_calls ?? []) {
          const index = call.index ?? calls.size;
          const known = calls.get(index) ?? { name: '', arguments: '' };
          calls.set(index, {
            id: call.id ?? known.id,
            name: known.name + (call.function?.name ?? ''),
            arguments: known.arguments + (call.function?.arguments ?? ''),
          });
        }
        if (choice?.finish_reason === 'length') finishReason = 'length';
      }
    } catch (error) {
      if (isAbort(error) || signal.aborted) throw abortError(signal);
      throw error;
    }
    const toolCalls: ToolCall[] = [...calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({
        id: call.id ?? `call-${index}`,
        name: call.name,
        arguments: callArguments(call.arguments),
      }));
    return {
      finishReason,
      ...(toolCalls.length && { toolCalls }),
      promptTokens: usage?.prompt_tokens,
      completionTokens: usage?.completion_tokens,
    };
  }

  /** Nothing is held: the server keeps the model. */
  async unload(): Promise<void> {}
}
