// A dev-server route that starts the OpenAI-compatible test server (openai-server.mjs) on first use
// and answers its base URL, so only the test files of the remote engine pay for node-llama-cpp:
// `GET /__test/openai-server` → `{ url: 'http://127.0.0.1:PORT/v1', origin }`.
import { startOpenAiServer } from './openai-server.mjs';

let starting;

export function openAiServerRoute() {
  return async (context, next) => {
    if (context.path !== '/__test/openai-server') return next();
    starting ??= startOpenAiServer();
    const server = await starting;
    context.type = 'application/json';
    context.body = JSON.stringify({ url: server.url, origin: new URL(server.url).origin });
  };
}
