// The long-conversation benchmark's step (bench/long-conversation.ts runs in the page): a chat
// restored with `count` messages and scrolled, with the messages' content-visibility rule and without.

/** Runs the rounds through `call`, adds the rows through `row` and each run's long tasks to `notes`. */
export async function conversationStep({ call, row, median, fmt, notes, count, rounds }) {
  const n = count.toLocaleString('en');
  // A warm-up: the first chat on the page pays for compiling the renderer and the styles.
  await call('longConversation', { count: 50, height: 600, contentVisibility: true });
  const runs = { off: [], on: [] };
  // Rounds alternate which goes first, so neither always runs on a warmer (or busier) machine.
  for (let round = 0; round < rounds; round++) {
    for (const contentVisibility of round % 2 ? [true, false] : [false, true]) {
      const r = await call('longConversation', { count, height: 600, contentVisibility });
      if (r.renderedAnswers !== count / 2) throw new Error(`${r.renderedAnswers} of ${count / 2} answers rendered`);
      runs[contentVisibility ? 'on' : 'off'].push(r);
      const tasks = r.tasks.map((t) => `${t.phase} @${t.at}: ${t.duration}`).join(', ');
      notes.push(
        `Conversation, content-visibility ${contentVisibility ? 'auto' : 'off'}, round ${round + 1}: tasks over 50 ms (phase @ ms after the restore began: ms) ${tasks || 'none'}.`,
      );
    }
  }
  const figures = (list) => ({
    longest: list.map((r) => Math.max(r.longestRestore, r.longestScroll)),
    longestRestore: list.map((r) => r.longestRestore),
    longestScroll: list.map((r) => r.longestScroll),
    over200: list.map((r) => r.over200),
    over50: list.map((r) => r.over50),
    restore: list.map((r) => r.restore),
    steps: list.flatMap((r) => r.steps),
    screens: list[0]?.steps.length ?? 0,
  });
  const off = figures(runs.off);
  for (const [key, label] of [
    ['off', 'content-visibility off'],
    ['on', 'content-visibility auto'],
  ]) {
    const f = figures(runs[key]);
    const judged = key === 'on';
    const vs = (name) => (judged ? median(f[name]) / Math.max(median(off[name]), 1e-3) : undefined);
    row(
      `conversation: ${n} messages, ${label}: longest main-thread task (median restore ${fmt(median(f.longestRestore))}, scroll ${fmt(median(f.longestScroll))})`,
      f.longest,
      { ratio: vs('longest'), target: judged ? '≤ 200 ms' : '', pass: Math.max(...f.longest) <= 200, unit: 'ms' },
    );
    row(`conversation: ${n} messages, ${label}: tasks over 200 ms (over 50 ms: ${f.over50.join(', ')})`, f.over200, {
      ratio: undefined,
      target: judged ? '0' : '',
      pass: Math.max(...f.over200) === 0,
    });
    row(`conversation: ${n} messages, ${label}: restore until all rendered`, f.restore, {
      ratio: vs('restore'),
      target: judged ? 'report' : '',
      pass: true,
      unit: 'ms',
    });
    row(`conversation: ${n} messages, ${label}: scroll one screen until drawn (${f.screens} screens a run)`, f.steps, {
      ratio: vs('steps'),
      target: judged ? 'report' : '',
      pass: true,
      unit: 'ms',
    });
  }
}
