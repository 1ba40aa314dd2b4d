// Locations shared by tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixedClock = (): Date => new Date('2026-01-15T10:00:00Z');
