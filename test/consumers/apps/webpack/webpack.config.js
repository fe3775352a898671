// What the README shows for webpack 5: nothing beyond an entry and an HTML page. The package's
// `new URL('…', import.meta.url)` engine files and lazy chunks need no loader or plugin.
import HtmlWebpackPlugin from 'html-webpack-plugin';

export default (env = {}) => ({
  mode: env.mode ?? 'production',
  entry: env.webgpu ? './main-webgpu.js' : './main.js',
  output: { path: new URL(env.out ?? './dist/', import.meta.url).pathname, clean: true },
  plugins: [new HtmlWebpackPlugin({ template: './index.html' })],
  devServer: { proxy: env.proxy ? [{ context: ['/models'], target: env.proxy }] : [] },
});
