// Server-side rendering with @lit-labs/ssr: every element renders to declarative shadow DOM in Node.
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import 'llm-elements';

const page = html`<llm-model src="/models/stories260K.gguf">
  <llm-status></llm-status>
  <llm-chat system="You are a helpful assistant."></llm-chat>
  <llm-complete><textarea aria-label="Story"></textarea></llm-complete>
  <llm-text prompt="Write a title"></llm-text>
</llm-model>`;
process.stdout.write(await collectResult(render(page)));
