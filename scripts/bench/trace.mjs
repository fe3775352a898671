// The time-to-first-token trace (bench/trace.ts): where a request spends its time from the send to
// the first token shown, through <llm-chat>, through the Engine, and through raw wllama with the same
// request. Adds one row per stage of <llm-chat> and a summary row; returns the stage table as markdown.

/** What each stage of a traced request is, by the stamps it lies between. */
const STAGES = [
  ['start', 'engineChat', 'send() → Engine.chat()'],
  ['engineChat', 'generate', 'Engine.chat() → backend.generate()'],
  ['generate', 'wllamaCall', 'backend.generate() → wllama call'],
  ['wllamaCall', 'completionPosted', 'wllama call → request posted to its worker'],
  ['completionPosted', 'completionReply', 'worker takes the request (round trip)'],
  ['completionReply', 'firstGetResultPosted', 'reply → first result poll posted'],
  ['firstGetResultPosted', 'firstChunk', 'prompt and first token in llama.cpp (polls)'],
  ['firstChunk', 'push', 'first chunk → Generation.push()'],
  ['push', 'token', 'Generation → first delta / llm-token'],
  ['token', 'visible', 'llm-token → text in the shadow DOM'],
];

const PATHS = [
  ['chat', '<llm-chat>.send()'],
  ['engine', 'Engine.chat()'],
  ['raw', 'raw wllama'],
  ['rawSame', 'raw wllama, chat’s instance'],
];

/** A raw path starts at its wllama call: its first stages are the ones from there on. */
function stageValue(result, path, from, to) {
  const start = path === 'raw' || path === 'rawSame' ? (from === 'wllamaCall' ? 'start' : from) : from;
  return result.stages.find((s) => s.path === path && s.from === start && s.to === to);
}

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(2) : '');

export async function traceStep({ call, row, median, url, runs, threads, tokens = 16 }) {
  const result = await call('traceFirstToken', { url, runs, threads, tokens });
  const name = url.split('/').pop();
  for (const [from, to, label] of STAGES) {
    const stage = stageValue(result, 'chat', from, to);
    if (!stage?.values.length) continue;
    row(`trace (${name}): ${label}`, stage.values, { ratio: undefined, target: '', pass: true, unit: 'ms' });
  }
  const raw = median(result.paths.raw.ttft);
  const ours = result.paths.chat.ttft;
  const ratio = raw / median(ours);
  row(`trace (${name}): time to first token, <llm-chat> vs raw wllama (raw / ours)`, ours, {
    ratio,
    target: '≥ 0.97',
    pass: ratio >= 0.97,
    unit: 'ms',
  });
  const prompt = (path) => result.paths[path].promptTokens.join('/');
  const lines = [
    `Time to first token on ${name}, ${threads} threads, ${runs} runs per path (medians, ms; one request: a system prompt and "Once upon a time", temperature 0, max_tokens ${tokens}, ${result.request?.method ?? '?'}):`,
    '',
    `| stage | ${PATHS.map(([, label]) => label).join(' | ')} |`,
    `| --- | ${PATHS.map(() => '---:').join(' | ')} |`,
  ];
  for (const [from, to, label] of STAGES) {
    const cells = PATHS.map(([path]) => fmt(stageValue(result, path, from, to)?.median));
    if (cells.every((cell) => cell === '')) continue;
    lines.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  const summary = (key, digits = 2) =>
    PATHS.map(([path]) => {
      const value = result.paths[path][key];
      return Number.isFinite(value) ? value.toFixed(digits) : '';
    }).join(' | ');
  lines.push(`| **time to first token** | ${summary('ttftMedian')} |`);
  lines.push(`| start → first result poll (main thread before llama.cpp starts) | ${summary('toFirstPollMs')} |`);
  lines.push(`| first chunk → first token seen | ${summary('afterChunkMs')} |`);
  lines.push(`| worker round trips before it | ${summary('rounds', 0)} |`);
  lines.push(`| main-thread time between a reply and the next poll | ${summary('mainGapMs')} |`);
  lines.push(
    `| Lit updates before it | ${PATHS.map(([path]) => (path === 'chat' ? fmt(result.paths.chat.litMs) : '')).join(' | ')} |`,
  );
  lines.push(`| prompt tokens | ${PATHS.map(([path]) => prompt(path)).join(' | ')} |`);
  lines.push('');
  lines.push(`Time to first token, raw / <llm-chat>: ${ratio.toFixed(2)} (target ≥ 0.97).`);
  return { table: lines.join('\n'), result, ratio };
}
