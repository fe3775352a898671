import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { elementArgTypes, MODEL_URL } from './shared.js';
import { withThinkingModel } from './thinking-model.js';

interface ChatArgs {
  system: string;
  placeholder?: string;
  temperature?: number;
  'max-tokens'?: number;
}

const meta: Meta<ChatArgs> = {
  title: 'Elements/llm-chat',
  component: 'llm-chat',
  args: { system: 'You tell short stories.', placeholder: 'Try: Once upon a time', 'max-tokens': 120 },
  // `status` (idle | loading | ready | waiting | generating | error) is the chat's own to set.
  argTypes: elementArgTypes('llm-chat'),
  // Every chat story runs inside an <llm-model> pointed at the test model.
  decorators: [(story) => html`<llm-model src=${MODEL_URL} loading="eager">${story()}</llm-model>`],
  render: (args) => html`
    <llm-chat
      system=${args.system}
      placeholder=${ifDefined(args.placeholder)}
      temperature=${ifDefined(args.temperature)}
      max-tokens=${ifDefined(args['max-tokens'])}
    ></llm-chat>
  `,
};
export default meta;

type Story = StoryObj<ChatArgs>;

export const Default: Story = {};

/** A conversation restored through the `messages` property, with markdown in the answer. */
export const WithHistory: Story = {
  render: (args) => html`
    <llm-chat
      system=${args.system}
      max-tokens=${ifDefined(args['max-tokens'])}
      .messages=${[
        { role: 'user', content: 'Show me what you can render.' },
        {
          role: 'assistant',
          content:
            'Here is **markdown**:\n\n- a list\n- of things\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```js\nconsole.log("copy me");\n```\n\n[A link](https://example.com)',
        },
      ]}
    ></llm-chat>
  `,
};

/** Theming with `--llm-*` custom properties and `::part()`. */
export const Themed: Story = {
  render: (args) => html`
    <style>
      .themed {
        --llm-accent: #7c2d12;
        --llm-user-bubble: #ffedd5;
        --llm-assistant-bubble: #fef3c7;
        --llm-radius: 1.25rem;
        --llm-font: Georgia, serif;
        --llm-text: #1c1917;
        --llm-surface: #fffbeb;
        --llm-chat-height: 18rem;
      }
      .themed llm-chat::part(send) {
        text-transform: uppercase;
      }
    </style>
    <div class="themed">
      <llm-chat system=${args.system} max-tokens=${ifDefined(args['max-tokens'])}>
        <h3 slot="header" style="margin: 0">Story time</h3>
        <p slot="empty">Start a story and the model goes on with it.</p>
      </llm-chat>
    </div>
  `,
};

/** The chat's texts replaced through `strings`, for another language. */
export const Translated: Story = {
  render: () => html`
    <llm-chat
      .strings=${{
        send: 'Envoyer',
        stop: 'Arrêter',
        input: 'Message',
        placeholder: 'Écrivez un message…',
        empty: 'Posez une question. Le modèle tourne sur cet appareil.',
        regenerate: 'Régénérer',
        clear: 'Effacer',
        retry: 'Réessayer',
        stopped: 'Arrêté.',
      }}
    ></llm-chat>
  `,
};

/**
 * An answer cut at the length limit (`max-tokens="16"`): it says _"Stopped at the length limit."_, and
 * Continue extends the same message. Stop an answer to see _"Stopped."_ with Continue too.
 */
export const CutOffAndContinue: Story = {
  args: { 'max-tokens': 16, temperature: 0 },
};

/**
 * The typing indicator: two chats share one model, which answers one request at a time. Send in the
 * first, then at once in the second: the second shows three dots until its turn and its first token.
 */
export const TypingIndicator: Story = {
  render: (args) => html`
    <div style="display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr))">
      <llm-chat system=${args.system} max-tokens="1500" placeholder="Send here first"></llm-chat>
      <llm-chat system=${args.system} max-tokens="60" placeholder="…then here"></llm-chat>
    </div>
  `,
};

/**
 * Jump to latest: a short log with a long answer. Scroll up while it streams: the view stays where you
 * read, and _Jump to latest_ takes you back to the end (and follows it again).
 */
export const JumpToLatest: Story = {
  render: (args) => html`
    <llm-chat
      style="--llm-chat-height: 10rem"
      system=${args.system}
      max-tokens="600"
      .messages=${[
        { role: 'user', content: 'Tell me a story.' },
        { role: 'assistant', content: 'Once upon a time there was a little girl.\n\n'.repeat(6) },
      ]}
    ></llm-chat>
  `,
};

/**
 * A reasoning model (a stand-in: stories260K never thinks) writes `<think>…</think>` before its
 * answer: the thinking streams into a collapsed _"Thinking…"_ section, which says _"Thought for 4 s"_
 * once it ends, and stays out of the answer and of `messages`. Try the `reasoning` control:
 * `expanded` opens it as it appears, `hidden` shows none of it.
 */
export const ReasoningModel: StoryObj<ChatArgs & { reasoning: 'collapsed' | 'expanded' | 'hidden' }> = {
  args: { reasoning: 'collapsed', placeholder: 'Ask for a story' },
  argTypes: { reasoning: { control: 'inline-radio', options: ['collapsed', 'expanded', 'hidden'] } },
  render: (args) =>
    withThinkingModel(`<llm-chat reasoning="${args.reasoning}" placeholder="${args.placeholder ?? ''}"></llm-chat>`),
};

/**
 * The actions on each message (hover or Tab to them): Copy; Edit a message and send it again; Regenerate
 * an answer; Delete a turn. An edit or a regeneration is a new version beside the old ones.
 */
export const MessageActions: Story = {
  args: { temperature: 0 },
  render: (args) => html`
    <llm-chat
      system=${args.system}
      temperature=${ifDefined(args.temperature)}
      max-tokens=${ifDefined(args['max-tokens'])}
      .messages=${[
        { role: 'user', content: 'Once upon a time' },
        { role: 'assistant', content: 'there was a little girl named Lily. She loved to play outside.' },
        { role: 'user', content: 'The dog' },
        { role: 'assistant', content: 'was very happy. He ran to the park.' },
      ]}
    ></llm-chat>
  `,
};

/**
 * Versions (`◀ 2/3 ▶`), saved with `persist` (format 2): the first message was edited, and the answer
 * to the edit regenerated twice. Browse them with the arrows; the conversation after a message is
 * its version's. Reloading the story keeps the versions and the one shown.
 */
export const Versions: Story = {
  render: (args) => {
    const key = 'llm-chat:storybook-versions';
    if (!localStorage.getItem(key)) {
      const messages = [
        { role: 'user', content: 'Once upon a time' },
        { role: 'assistant', content: 'there was a little girl named Lily.' },
        { role: 'user', content: 'Tell me about a dog', parent: -1 },
        { role: 'assistant', content: 'The dog was big and brown.' },
        { role: 'assistant', content: 'The dog liked to run in the park.', parent: 2 },
        { role: 'assistant', content: 'Max was a happy dog.', parent: 2 },
      ];
      localStorage.setItem(key, JSON.stringify({ version: 2, messages }));
    }
    return html`<llm-chat system=${args.system} persist="storybook-versions"></llm-chat>`;
  },
};

/** 500 turns (1,000 messages) of markdown, the benchmark's shape: they restore newest first, sharing one frame budget. */
function longConversation(turns: number) {
  return Array.from({ length: turns }, (_, i) => [
    { role: 'user' as const, content: `Question ${i + 1}: what is in step ${i + 1}?` },
    {
      role: 'assistant' as const,
      content: `Step ${i + 1} has **three** parts:\n\n1. read the \`input\`\n2. check it\n3. write the result\n\n\`\`\`js\nstep(${i + 1});\n\`\`\``,
    },
  ]).flat();
}

/**
 * A long conversation: 1,000 messages restored at once. The newest render first and the page stays
 * responsive while the rest render (BENCHMARKS.md, no. 11); scroll up through them, then send.
 */
export const LongConversation: Story = {
  render: (args) => html`
    <llm-chat
      system=${args.system}
      max-tokens=${ifDefined(args['max-tokens'])}
      .messages=${longConversation(500)}
    ></llm-chat>
  `,
};

/**
 * Attach text files (`attach`): pick them with Attach or drop them on the chat. Each shows as a chip
 * with its size in the model's tokens; one that cannot fit the context is refused in plain words
 * (try a long file: this story's model has a small context), never cut.
 */
export const AttachFiles: Story = {
  render: (args) => html`
    <llm-chat attach system=${args.system} max-tokens=${ifDefined(args['max-tokens'])}></llm-chat>
  `,
};
