// Records the page's errors for drivers that cannot read the console (WebKit's WebDriver); loaded
// as a classic script before anything else on the end-to-end pages.
window.__errors = [];
addEventListener('error', (event) => window.__errors.push(String(event.message)));
addEventListener('unhandledrejection', (event) => window.__errors.push(String(event.reason)));
const consoleError = console.error;
console.error = (...args) => {
  window.__errors.push(args.map(String).join(' '));
  consoleError(...args);
};
