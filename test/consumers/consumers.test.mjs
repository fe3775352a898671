// The packed package (npm pack), installed beside the tools front-end developers use (pinned in
// test/consumers/package.json), in apps built the way the README shows: each app answers in
// Chromium with a streamed story from the real model.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import { build, devServer, openApp, prepareWorkspace, serveBuilt } from './workspace.mjs';

let workspace;

before(async () => {
  workspace = await prepareWorkspace();
});

after(async () => {
  await workspace?.close();
});

/** Sends a message in the page's chat and returns what it shows, bounded. */
async function chatAnswers(url) {
  const { browser, page, errors } = await openApp(url);
  try {
    await page.waitForFunction(() => customElements.get('llm-chat'), { timeout: 60_000 });
    const answer = await page.evaluate(async () => {
      const chat = document.querySelector('llm-chat');
      const result = await Promise.race([
        chat.send('Once upon a time'),
        new Promise((resolve) => setTimeout(() => resolve({ finishReason: 'timeout' }), 90_000)),
      ]);
      await chat.updateComplete;
      return {
        finishReason: result?.finishReason,
        error: result?.error?.message ?? '',
        shown: chat.shadowRoot.querySelector('[part~="assistant"] .content')?.textContent.trim() ?? '',
      };
    });
    assert.equal(answer.error, '');
    assert.ok(['stop', 'length'].includes(answer.finishReason), `finished: ${answer.finishReason}`);
    assert.ok(answer.shown.split(/\s+/).length >= 3, `a story is shown: ${answer.shown}`);
    assert.deepEqual(errors, []);
    return answer;
  } finally {
    await browser.close();
  }
}

describe('Vite', () => {
  for (const vite of ['vite', 'vite7']) {
    test(`${vite}: build and preview`, async () => {
      const out = await build(workspace, 'vite', [
        vite === 'vite' ? 'vite' : 'vite7',
        'build',
        '--outDir',
        `dist-${vite}`,
      ]);
      const server = await serveBuilt(workspace.app('vite', `dist-${vite}`));
      try {
        await chatAnswers(`${server.origin}/index.html`);
      } finally {
        await server.stop();
      }
      console.log(`[${vite}] build ${out.seconds.toFixed(1)} s`);
    });

    test(`${vite}: dev server`, async () => {
      const server = await devServer(workspace, 'vite', vite);
      try {
        await chatAnswers(`${server.origin}/`);
      } finally {
        await server.stop();
      }
    });
  }
});

describe('webpack 5', () => {
  test('production build answers; without web-llm the build is faster and has no web-llm code', async () => {
    const plain = await build(workspace, 'webpack', ['webpack', '--env', 'out=./dist/']);
    const webgpu = await build(workspace, 'webpack', ['webpack', '--env', 'webgpu', '--env', 'out=./dist-webgpu/']);
    const server = await serveBuilt(workspace.app('webpack', 'dist'));
    try {
      await chatAnswers(`${server.origin}/index.html`);
    } finally {
      await server.stop();
    }
    // web-llm's engine (its MLCEngine classes) is in the WebGPU build only.
    const text = (dir) =>
      readdirSync(workspace.app('webpack', dir), { recursive: true })
        .filter((file) => String(file).endsWith('.js'))
        .map((file) => readFileSync(workspace.app('webpack', dir, String(file)), 'utf8'))
        .join('\n');
    assert.doesNotMatch(text('dist'), /MLCEngine/);
    assert.match(text('dist-webgpu'), /MLCEngine/, 'the check can see web-llm');
    console.log(
      `[webpack] build without web-llm ${plain.seconds.toFixed(1)} s, with it ${webgpu.seconds.toFixed(1)} s; warnings without: ${plain.warnings}, with: ${webgpu.warnings}`,
    );
  });

  test('dev server', async () => {
    const server = await devServer(workspace, 'webpack', 'webpack');
    try {
      await chatAnswers(`${server.origin}/`);
    } finally {
      await server.stop();
    }
  });
});

describe('frameworks', () => {
  test('React 19: strict tsc with llm-elements/react-jsx; native elements and the @lit/react wrappers answer; <llm-form> fills and undoes a controlled form', async () => {
    await build(workspace, 'react', ['tsc', '-p', 'tsconfig.json']);
    await build(workspace, 'react', ['vite', 'build']);
    const server = await serveBuilt(workspace.app('react', 'dist'));
    const { browser, page, errors } = await openApp(`${server.origin}/index.html`);
    try {
      for (const id of ['native', 'wrapped']) {
        await page.waitForSelector(`llm-chat#${id}`);
        await page.evaluate((id) => void document.getElementById(id).send('Once upon a time'), id);
        const output = id === 'native' ? '#last' : '#wrapped-last';
        await page.waitForFunction(
          (output) => document.querySelector(output).textContent.trim().length > 0,
          {
            timeout: 90_000,
          },
          output,
        );
      }

      // <llm-form> in a controlled React form: the fill and its Undo both reach React's state (a
      // render puts React's state back into the controls, so a change React missed is undone).
      const state = () => page.evaluate(() => JSON.parse(document.querySelector('#form-state').textContent));
      const renderAgain = async () => {
        const before = await page.evaluate(() => document.querySelector('#render-again').textContent);
        await page.click('#render-again');
        await page.waitForFunction(
          (before) => document.querySelector('#render-again').textContent !== before,
          { timeout: 10_000 },
          before,
        );
      };
      const controls = () =>
        page.evaluate(() => {
          const form = document.querySelector('#filler form');
          return { name: form.elements.name.value, gift: form.elements.gift.checked, color: form.elements.color.value };
        });
      const filled = await page.evaluate(async () => {
        const filler = document.getElementById('filler');
        // A page's schema of constants: the toy model can write nothing else.
        const values = { name: 'Ann', gift: true, color: 'red' };
        filler.schema = {
          type: 'object',
          properties: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { const: value }])),
          required: Object.keys(values),
          additionalProperties: false,
        };
        const result = await Promise.race([
          filler.fill(),
          new Promise((resolve) => setTimeout(() => resolve({ finishReason: 'timeout' }), 90_000)),
        ]);
        return { finishReason: result?.finishReason, error: result?.error?.message ?? '', filled: filler.filled };
      });
      assert.equal(filled.error, '');
      assert.equal(filled.finishReason, 'stop');
      await renderAgain();
      assert.deepEqual(await state(), { name: 'Ann', gift: true, color: 'red' }, 'React has the filled values');
      assert.deepEqual(await controls(), { name: 'Ann', gift: true, color: 'red' });
      await page.evaluate(() => document.getElementById('filler').undo());
      await renderAgain();
      assert.deepEqual(await state(), { name: 'Jo', gift: false, color: 'blue' }, 'Undo reaches React');
      assert.deepEqual(await controls(), { name: 'Jo', gift: false, color: 'blue' }, 'and a render keeps it');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });

  test('Vue 3: vue-tsc --strictTemplates with llm-elements/vue; a chat answers', async () => {
    await build(workspace, 'vue', ['vue-tsc', '-p', 'tsconfig.json']);
    await build(workspace, 'vue', ['vite', 'build']);
    const server = await serveBuilt(workspace.app('vue', 'dist'));
    const { browser, page, errors } = await openApp(`${server.origin}/index.html`);
    try {
      await page.waitForSelector('llm-chat');
      await page.evaluate(() => void document.querySelector('llm-chat').send('Once upon a time'));
      await page.waitForFunction(() => document.querySelector('#last').textContent.trim().length > 0, {
        timeout: 90_000,
      });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});

describe('without a browser', () => {
  test('@lit-labs/ssr renders all four elements to declarative shadow DOM', async () => {
    const { output } = await build(workspace, 'ssr', ['node', 'render.mjs']);
    for (const tag of ['llm-model', 'llm-status', 'llm-chat', 'llm-text', 'llm-complete']) {
      assert.match(output, new RegExp(`<${tag}[^>]*>\\s*<template shadowroot(mode)?="open"`), `${tag} rendered`);
    }
    assert.match(output, /<textarea[^>]*part="input"/, 'the chat’s input is in the server HTML');
  });

  test('a Vitest test in jsdom needs no stubs', async () => {
    const { output } = await build(workspace, 'jsdom', ['vitest', 'run']);
    assert.match(output, /1 passed/);
  });
});
