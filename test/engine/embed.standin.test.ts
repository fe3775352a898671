// engine.embed() on web-llm, through a scripted stand-in of web-llm's engine (web-llm needs a GPU and
// a compiled model here absent): its embedding builds (`snowflake-arctic-embed-…`) answer
// `embeddings.create` as web-llm 0.2.86 does (OpenAI's shape, in any order, not normalized), and the
// engine returns one unit vector per text, in order; its chat builds cannot embed, and say so.
import { expect } from '@open-wc/testing';
import { Engine, LlmError } from '../../src/engine/index.js';
import { WebLlmBackend } from '../../src/engine/backends/web-llm.js';
import { ScriptedMlcEngine, scriptedFactory } from '../helpers/scripted-mlc-engine.js';
import { scriptedGpuDevice } from '../helpers/capabilities.js';
import { MODEL_URL } from '../helpers/model.js';
import { within } from '../helpers/wait.js';

/** The stand-in, with web-llm's embeddings API: a text's vector is its length and its count of "a". */
function embeddingEngine(asked: string[][]): ScriptedMlcEngine {
  const scripted = new ScriptedMlcEngine({});
  Object.assign(scripted, {
    embeddings: {
      create: async ({ input }: { input: string[] }) => {
        asked.push(input);
        const data = input.map((text, index) => ({
          object: 'embedding',
          index,
          embedding: [text.length, [...text].filter((c) => c === 'a').length, 0],
        }));
        return {
          object: 'list',
          data: data.reverse(),
          model: 'scripted',
          usage: { prompt_tokens: 1, total_tokens: 1 },
        };
      },
    },
  });
  return scripted;
}

function webLlmEngine(id: string, scripted: ScriptedMlcEngine): Engine {
  return new Engine({
    source: { gguf: MODEL_URL, mlc: { id } },
    detectCapabilities: scriptedGpuDevice,
    loadOptions: { backend: 'webgpu' },
    backends: { 'web-llm': async () => new WebLlmBackend({ createEngine: scriptedFactory(scripted) }) },
  });
}

describe('engine.embed() on web-llm (scripted stand-in of web-llm’s engine)', () => {
  it('an embedding build gives one unit vector per text, in order, batch by batch', async () => {
    const asked: string[][] = [];
    const engine = webLlmEngine('snowflake-arctic-embed-s-q0f32-MLC-b4', embeddingEngine(asked));
    try {
      await within(engine.load(), 15_000, 'the stand-in loaded');
      expect(engine.selection?.kind).to.equal('web-llm');
      const vectors = await engine.embed(['aaa', 'b', 'abab'], { batchSize: 2 });
      expect(asked).to.deep.equal([['aaa', 'b'], ['abab']]);
      const rounded = vectors.map((v) => [...v].map((x) => Math.round(x * 1000) / 1000));
      expect(rounded).to.deep.equal([
        [0.707, 0.707, 0],
        [1, 0, 0],
        [0.894, 0.447, 0],
      ]);
    } finally {
      await engine.unload();
    }
  });

  it('a chat build cannot embed: unsupported, in words', async () => {
    const engine = webLlmEngine('Qwen2.5-0.5B-Instruct-q4f16_1-MLC', embeddingEngine([]));
    try {
      await within(engine.load(), 15_000, 'the stand-in loaded');
      const error = await engine.embed(['text']).catch((caught: unknown) => caught);
      expect(LlmError.is(error) && error.code).to.equal('unsupported');
      expect((error as Error).message).to.equal(
        'This model cannot embed text: this MLC build is not an embedding model.',
      );
    } finally {
      await engine.unload();
    }
  });
});
