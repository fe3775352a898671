/** The host of a server's URL (`llm.example.com`), as a visitor is told it; the text itself when it is no URL. */
export function serverHost(url: string): string {
  try {
    return new URL(url, globalThis.location?.href).host;
  } catch {
    return url;
  }
}
