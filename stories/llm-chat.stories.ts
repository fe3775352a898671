import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { elementArgTypes, MODEL_URL } from './shared.js';

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
