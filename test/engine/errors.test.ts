import { expect } from '@open-wc/testing';
import { LlmError, isAbort } from '../../src/engine/index.js';

describe('LlmError', () => {
  it('ends every message with exactly one full stop, whatever the quoted text ended with', () => {
    const messages = ['Could not load it', 'Could not load it.', 'Could not load it: Failed to fetch..', 'Why? '];
    expect(messages.map((message) => new LlmError('network', message).message)).to.deep.equal([
      'Could not load it.',
      'Could not load it.',
      'Could not load it: Failed to fetch.',
      'Why?',
    ]);
  });

  it('isAbort() knows ours and the DOM’s aborts, and nothing else', () => {
    expect(isAbort(new LlmError('aborted', 'Stopped'))).to.equal(true);
    expect(isAbort(new DOMException('The user aborted a request.', 'AbortError'))).to.equal(true);
    expect(isAbort(new LlmError('network', 'Offline'))).to.equal(false);
    const libraryAbort = Object.assign(new Error('aborted'), { name: 'WllamaAbortError' });
    expect(isAbort(libraryAbort)).to.equal(false, 'backends translate their libraries’ aborts');
  });
});
