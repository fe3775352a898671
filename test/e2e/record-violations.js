// Records every Content Security Policy violation on the page (and in its shadow roots, which
// report to the document), for the CSP and Trusted Types tests.
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) =>
  window.__violations.push(`${event.effectiveDirective}: ${event.blockedURI || event.sample || ''}`.trim()),
);
