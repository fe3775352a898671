// A worker that runs web-llm's real WebWorkerMLCEngineHandler with the scripted engine in place of
// MLCEngine, so the backend's worker messages go through web-llm's actual protocol.
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';
import { ScriptedMlcEngine } from '../helpers/scripted-mlc-engine.js';

const handler = new WebWorkerMLCEngineHandler();
const scripted = new ScriptedMlcEngine({ tokenDelayMs: 10 });
scripted.setInitProgressCallback(handler.engine.getInitProgressCallback()!);
(handler as unknown as { engine: ScriptedMlcEngine }).engine = scripted;
self.onmessage = (event: MessageEvent) => handler.onmessage(event);
