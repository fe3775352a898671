import type { ModelSpec } from './types.js';

/** One well-known model under one name, with both its builds and what it needs. */
export interface CatalogEntry {
  /** What a page writes in `<llm-model model="…">`. */
  name: string;
  description: string;
  /** GGUF build for WebAssembly (and llama.cpp's WebGPU path). */
  gguf: { url: string; sizeMB: number };
  /** MLC build for web-llm (WebGPU); f16 builds need `shader-f16`. */
  mlc: { id: string; requiresShaderF16: boolean; vramMB: number };
  /** RAM the WebAssembly path needs, roughly: weights plus a 2K-token context. */
  memoryMB: number;
  license: string;
}

/**
 * Small instruct models that run on ordinary devices, each with a GGUF and an MLC build.
 *
 * To add one: pick a GGUF file (Q4_K_M or Q8_0; one file under 2 GiB) and the matching web-llm
 * prebuilt id (see `prebuiltAppConfig` in @mlc-ai/web-llm, at the version this package pins),
 * copy `vram_required_MB` from there, measure `memoryMB` with the GGUF loaded at context 2048,
 * and add a row with a short, lower-case name. The catalog is only read when a page asks for a
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
    memoryMB: 560,
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
    memoryMB: 1100,
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
