/**
 * A passage's key in the index: a 106-bit hash of its text (two 53-bit cyrb53 hashes), so an
 * unchanged passage is found again and never embedded twice. Synchronous and available on any page
 * (SubtleCrypto is absent outside secure contexts); not for security: a collision only reuses a vector.
 */
export function contentHash(text: string): string {
  return (
    cyrb53(text, 0x9e3779b9).toString(36).padStart(11, '0') + cyrb53(text, 0x85ebca6b).toString(36).padStart(11, '0')
  );
}

/** cyrb53 (bryc, public domain): a fast 53-bit string hash with good spread. */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
