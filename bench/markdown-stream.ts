// A realistic markdown answer, cut into token-sized pieces, for the streaming-cost benchmark.
const WORDS = 'the model runs on this device and every answer streams into the page as it is written'.split(' ');

export function markdownTokens(count: number): string[] {
  const tokens: string[] = [];
  let block = 0;
  while (tokens.length < count) {
    const kind = block % 4;
    if (kind === 0) tokens.push('\n\n## ', 'Section', ` ${block}`, '\n\n');
    if (kind === 1) tokens.push('\n\n');
    if (kind === 1 || kind === 0)
      for (let i = 0; i < 60; i++)
        tokens.push(`${i % 12 === 0 ? ' **' : ' '}${WORDS[i % WORDS.length]}${i % 12 === 0 ? '**' : ''}`);
    if (kind === 2) tokens.push('\n');
    if (kind === 2)
      for (let i = 0; i < 6; i++) tokens.push('\n- ', 'item', ` ${i}`, ' with', ' `code`', ' and', ' text');
    if (kind === 3) {
      tokens.push('\n\n```js\n');
      for (let i = 0; i < 8; i++) tokens.push('const', ` x${i}`, ' =', ` ${i}`, ';\n');
      tokens.push('```\n\n');
    }
    block++;
  }
  return tokens.slice(0, count);
}
