import { expect } from '@open-wc/testing';
import { StopSequenceMatcher, formatFallbackPrompt, FALLBACK_STOP } from '../../src/engine/index.js';

function run(stops: readonly string[], deltas: string[]): { emitted: string; stopped: boolean } {
  const matcher = new StopSequenceMatcher(stops);
  let emitted = '';
  for (const delta of deltas) {
    const { text, stopped } = matcher.push(delta);
    emitted += text;
    if (stopped) return { emitted, stopped };
  }
  return { emitted: emitted + matcher.flush(), stopped: false };
}

describe('StopSequenceMatcher', () => {
  it('passes text through when there are no stops', () => {
    expect(run([], ['a', 'b'])).to.deep.equal({ emitted: 'ab', stopped: false });
  });

  it('stops before a stop string inside one delta', () => {
    expect(run(['\nUser:'], ['Hi there.\nUser: more'])).to.deep.equal({ emitted: 'Hi there.', stopped: true });
  });

  it('stops before a stop string split across deltas, never emitting its start', () => {
    const matcher = new StopSequenceMatcher(['\nUser:']);
    expect(matcher.push('Hello\n')).to.deep.equal({ text: 'Hello', stopped: false });
    expect(matcher.push('Us')).to.deep.equal({ text: '', stopped: false });
    expect(matcher.push('er: next')).to.deep.equal({ text: '', stopped: true });
  });

  it('releases held text when the match does not complete', () => {
    expect(run(['\nUser:'], ['Hello\n', 'Us', 'ually'])).to.deep.equal({ emitted: 'Hello\nUsually', stopped: false });
  });

  it('flushes a held partial match at the end of the stream', () => {
    expect(run(['END'], ['the E'])).to.deep.equal({ emitted: 'the E', stopped: false });
  });

  it('picks the earliest of several stops', () => {
    expect(run(['b', 'a'], ['xxab'])).to.deep.equal({ emitted: 'xx', stopped: true });
  });
});

describe('chat fallback template', () => {
  it('writes a transcript that ends with the assistant turn to continue', () => {
    const prompt = formatFallbackPrompt([
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'Tell me a story.' },
    ]);
    expect(prompt).to.equal('Be kind.\n\nUser: Hi\nAssistant: Hello!\nUser: Tell me a story.\nAssistant:');
  });

  it('leaves out an empty system prompt', () => {
    expect(formatFallbackPrompt([{ role: 'user', content: 'Hi' }])).to.equal('User: Hi\nAssistant:');
  });

  it('its stops end an answer where the model starts the next turn', () => {
    expect(run(FALLBACK_STOP, ['Hello!', '\nUs', 'er: and you?'])).to.deep.equal({ emitted: 'Hello!', stopped: true });
    expect(run(FALLBACK_STOP, ['Hello!\nAssistant: again'])).to.deep.equal({ emitted: 'Hello!', stopped: true });
  });
});
