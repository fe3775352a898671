// What the README shows for Vue: tell its compiler which tags are custom elements.
import vue from '@vitejs/plugin-vue';

export default {
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('llm-') } } })],
};
