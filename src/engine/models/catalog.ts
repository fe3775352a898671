import type { ModelSpec } from '../core/types.js';

/**
 * A GGUF build's published shape and quantization: what `estimateCatalogEntry()` (memory-estimate.ts)
 * computes the memory from, before anything is downloaded.
 */
export interface CatalogShape {
  /** `general.architecture`. */
  architecture: string;
  /** Embedding width, layers, attention heads, key/value heads, feed-forward width, vocabulary. */
  embd: number;
  layers: number;
  heads: number;
  kvHeads: number;
  ff: number;
  vocab: number;
  /** BPE merges of the tokenizer. */
  merges: number;
  /** The output layer reuses the token embeddings. */
  tiedEmbeddings: boolean;
  /** The query, key and value projections have biases (Qwen2). */
  qkvBias?: boolean;
  /** llama.cpp's quantization of the file (Q4_K_M: the per-tensor mix of llama.cpp's quantizer). */
  quantization: 'Q8_0' | 'Q4_K_M';
  /** The context the model was trained for. */
  trainedContext: number;
}

/** One well-known model under one name, with both its builds and what it needs. */
export interface CatalogEntry {
  /** What a page writes in `<llm-model catalog="…">`. */
  name: string;
  description: string;
  /** GGUF build for WebAssembly (and llama.cpp's WebGPU path). */
  gguf: { url: string; sizeMB: number };
  /** MLC build for web-llm (WebGPU); f16 builds need `shader-f16`. */
  mlc: { id: string; requiresShaderF16: boolean; vramMB: number };
  /**
   * Memory the WebAssembly path needs with a 2048-token context, in MiB (2^20 bytes): `estimateCatalogEntry()` of
   * `shape` (a test keeps the two equal), the same estimate a load checks before downloading.
   */
  memoryMB: number;
  /** The GGUF build's published shape and quantization. */
  shape: CatalogShape;
  license: string;
}

/**
 * Small instruct models that run on ordinary devices, each with a GGUF and an MLC build.
 *
 * To add one: pick a GGUF file (Q4_K_M or Q8_0; one file under 2 GiB) and the matching web-llm
 * prebuilt id (see `prebuiltAppConfig` in @mlc-ai/web-llm, at the version this package pins),
 * copy `vram_required_MB` from there, copy the GGUF's shape from its metadata (or the model's
 * config.json), set `memoryMB` to `estimateCatalogEntry(entry, 2048)` in MiB (test/engine/model-fit.test.ts
 * checks it), and add a row with a short, lower-case name.
 *
 * The shapes are the models' published configurations; the merge counts, the file sizes and the
 * quantization mixes could not be checked against the files here (no network): the memory figures
 * follow from the shapes and llama.cpp's quantization rules, not from the downloaded files. The catalog is only read when a page asks for a
 * model by name: nothing here is fetched otherwise.
 */
export const CATALOG: readonly CatalogEntry[] = [
  {
    name: 'smollm2-360m',
    description: 'SmolLM2 360M Instruct: the smallest useful chat model; fast everywhere.',
    gguf: {
      url: 'https://huggingface.co/HuggingFaceTB/SmolLM2-360M-Instruct-GGUF/resolve/main/smollm2-360m-instruct-q8_0.gguf',
      sizeMB: 386,
    },
    mlc: { id: 'SmolLM2-360M-Instruct-q4f16_1-MLC', requiresShaderF16: true, vramMB: 376 },
    memoryMB: 520,
    shape: {
      architecture: 'llama',
      ...{ embd: 960, layers: 32, heads: 15, kvHeads: 5, ff: 2560, vocab: 49152, merges: 48900 },
      ...{ tiedEmbeddings: true, quantization: 'Q8_0', trainedContext: 8192 },
    },
    license: 'Apache-2.0',
  },
  {
    name: 'qwen2.5-0.5b',
    description: 'Qwen2.5 0.5B Instruct: multilingual, good at short tasks.',
    gguf: {
      url: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf',
      sizeMB: 398,
    },
    mlc: { id: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', requiresShaderF16: true, vramMB: 945 },
    memoryMB: 516,
    shape: {
      architecture: 'qwen2',
      ...{ embd: 896, layers: 24, heads: 14, kvHeads: 2, ff: 4864, vocab: 151936, merges: 151387 },
      ...{ tiedEmbeddings: true, qkvBias: true, quantization: 'Q4_K_M', trainedContext: 32768 },
    },
    license: 'Apache-2.0',
  },
  {
    name: 'llama-3.2-1b',
    description: 'Llama 3.2 1B Instruct: the strongest of these; wants a recent device.',
    gguf: {
      url: 'https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf',
      sizeMB: 808,
    },
    mlc: { id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', requiresShaderF16: true, vramMB: 879 },
    memoryMB: 986,
    shape: {
      architecture: 'llama',
      ...{ embd: 2048, layers: 16, heads: 32, kvHeads: 8, ff: 8192, vocab: 128256, merges: 280147 },
      ...{ tiedEmbeddings: true, quantization: 'Q4_K_M', trainedContext: 131072 },
    },
    license: 'Llama 3.2 Community License',
  },
];

/** The catalog entry called `name` (case-insensitive), or undefined. */
export function findCatalogEntry(name: string): CatalogEntry | undefined {
  const key = name.trim().toLowerCase();
  return CATALOG.find((entry) => entry.name === key);
}

/** The model spec (both builds) of a catalog entry. */
export function catalogSpec(entry: CatalogEntry): ModelSpec {
  return {
    gguf: entry.gguf.url,
    mlc: { id: entry.mlc.id, requiresShaderF16: entry.mlc.requiresShaderF16, vramMB: entry.mlc.vramMB },
  };
}
