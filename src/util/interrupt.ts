import { rmSync } from 'node:fs';

/**
 * What an interrupted run must tidy and tell: temp files to remove (outputs are only ever renamed
 * into place when complete) and notes of what was kept (e.g. "1,200 embeddings cached").
 */
const tempFiles = new Set<string>();
const notes = new Set<() => string | undefined>();

/** Tracks a temp file (or a folder a write made) to remove on interruption; returns its untracker. */
export function trackTemp(path: string): () => boolean {
  tempFiles.add(path);
  return () => tempFiles.delete(path);
}

/** Registers a note shown on interruption; returns its remover. */
export function noteOnInterrupt(note: () => string | undefined): () => void {
  notes.add(note);
  return () => notes.delete(note);
}

/** Removes every live temp file and returns the notes of what was kept. */
export function tidyAfterInterrupt(): string[] {
  for (const path of tempFiles) rmSync(path, { recursive: true, force: true });
  tempFiles.clear();
  return [...notes].map((n) => n()).filter((s): s is string => Boolean(s));
}
