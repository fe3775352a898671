// React 19 renders custom elements natively: properties are set, `onllm-…` props listen for the
// events. llm-elements/react-jsx types both (IntrinsicElements, generated from the manifest).
import 'llm-elements';
import type {} from 'llm-elements/react-jsx';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { LlmChat as WrappedChat, LlmModel as WrappedModel } from 'llm-elements/react';

/** A controlled form, the React way: its state follows the controls' events, and renders put it back. */
function OrderForm() {
  const [name, setName] = useState('Jo');
  const [gift, setGift] = useState(false);
  const [color, setColor] = useState('blue');
  const [renders, setRenders] = useState(0);
  return (
    <>
      <llm-form id="filler">
        <textarea slot="source" aria-label="Text" defaultValue="Ann wants it gift wrapped, in red." />
        <form>
          <input name="name" aria-label="Name" value={name} onChange={(event) => setName(event.target.value)} />
          <input
            name="gift"
            type="checkbox"
            aria-label="Gift"
            checked={gift}
            onChange={(event) => setGift(event.target.checked)}
          />
          <input
            name="color"
            type="radio"
            value="red"
            aria-label="Red"
            checked={color === 'red'}
            onChange={() => setColor('red')}
          />
          <input
            name="color"
            type="radio"
            value="blue"
            aria-label="Blue"
            checked={color === 'blue'}
            onChange={() => setColor('blue')}
          />
        </form>
      </llm-form>
      <output id="form-state">{JSON.stringify({ name, gift, color })}</output>
      <button id="render-again" type="button" onClick={() => setRenders((n) => n + 1)}>
        Renders: {renders}
      </button>
    </>
  );
}

function App() {
  const [last, setLast] = useState('');
  const [wrapped, setWrapped] = useState('');
  return (
    <>
      <llm-model src="/models/stories260K.gguf">
        <llm-chat id="native" temperature={0} maxTokens={24} onllm-response={(event) => setLast(event.detail.text)} />
        <OrderForm />
      </llm-model>
      <output id="last">{last}</output>
      {/* The @lit/react wrappers (for React 18), here on React 19 too. */}
      <WrappedModel src="/models/stories260K.gguf">
        <WrappedChat
          id="wrapped"
          temperature={0}
          maxTokens={24}
          onLlmResponse={(event) => setWrapped(event.detail.text)}
        />
      </WrappedModel>
      <output id="wrapped-last">{wrapped}</output>
    </>
  );
}

// The types can fail: an event detail has no such field.
// @ts-expect-error `nope` is not in LlmResponseDetail
const wrong = <llm-chat onllm-response={(event) => event.detail.nope} />;
void wrong;

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
