// A rendered code block's header and its Copy button. Loaded with the markdown renderer (which
// re-exports it): code blocks exist only once that has loaded, so the script tag's entry carries none of it.

/** The texts a code block shows and announces. */
export interface CodeBlockStrings {
  copy: string;
  copied: string;
  copyLabel: string;
}

/** How long the button says "Copied" before it says "Copy" again. */
const COPIED_MS = 1500;
const timers = new WeakMap<Element, number>();

/**
 * Gives each code block a header row above the code: its language and a Copy button, so that the
 * button never covers a line of code, and a polite live region that says when the code was copied.
 * The code box can take keyboard focus: a long line scrolls it sideways.
 */
export function decorateCodeBlocks(fragment: DocumentFragment, strings: CodeBlockStrings): DocumentFragment {
  for (const pre of fragment.querySelectorAll('pre')) {
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    const header = document.createElement('div');
    header.className = 'code-header';
    const language = document.createElement('span');
    language.className = 'code-language';
    language.textContent = /(?:^|\s)language-(\S+)/.exec(pre.querySelector('code')?.className ?? '')?.[1] ?? '';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.setAttribute('part', 'copy-button');
    button.setAttribute('aria-label', strings.copyLabel);
    button.textContent = strings.copy;
    const status = document.createElement('span');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    header.append(language, button, status);
    pre.tabIndex = 0;
    pre.replaceWith(wrapper);
    wrapper.append(header, pre);
  }
  return fragment;
}

/** Copies the code of the block whose Copy button `event` clicked, says so, and says "Copy" again after a while. */
export function copyCode(event: Event, strings: CodeBlockStrings): void {
  const button = (event.target as Element | null)?.closest?.('button.copy');
  const block = button?.closest('.code-block');
  const code = block?.querySelector('pre')?.textContent;
  const status = block?.querySelector('[role="status"]');
  if (!button || !status || code == null) return;
  void navigator.clipboard?.writeText(code).then(
    () => {
      // The name is what the button shows ("Copied"), so that what is heard matches what is seen.
      button.removeAttribute('aria-label');
      button.textContent = status.textContent = strings.copied;
      clearTimeout(timers.get(button));
      // Back to "Copy", and the region emptied so that the next copy is announced again.
      timers.set(
        button,
        window.setTimeout(() => {
          button.setAttribute('aria-label', strings.copyLabel);
          button.textContent = strings.copy;
          status.textContent = '';
        }, COPIED_MS),
      );
    },
    () => {},
  );
}
