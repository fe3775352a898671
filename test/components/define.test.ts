import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { LlmChat } from '../../src/index.js';

describe('registration', () => {
  it('a second copy registering a taken tag warns instead of throwing', () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      class SecondCopy extends LlmChat {}
      expect(() => SecondCopy.define('llm-chat')).not.to.throw();
      expect(customElements.get('llm-chat')).to.equal(LlmChat, 'the first definition stays');
      expect(String(warnings[0]?.[0])).to.match(/<llm-chat> is already defined/);
      LlmChat.define('llm-chat'); // the same class again is silent
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});
