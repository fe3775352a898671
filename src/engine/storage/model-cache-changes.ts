// Removals from the model cache, told to the elements that show what is stored.

const changes = new EventTarget();

/** Calls `listener` after any removal made through the model cache on this page; returns the unsubscribe. */
export function onModelCacheChange(listener: () => void): () => void {
  changes.addEventListener('change', listener);
  return () => changes.removeEventListener('change', listener);
}

/** Tells the listeners of `onModelCacheChange()` that something was removed. */
export function notifyModelCacheChange(): void {
  changes.dispatchEvent(new Event('change'));
}
