import { definePlugin } from '@paradox/sdk';
import { defensiveKind } from './defensive';
import { looperKind } from './looper';
import { panickedKind } from './panicked';

export { Looper } from './looper';
export type { LooperConfig } from './looper';
export { DefensiveBorrower } from './defensive';
export type { DefensiveConfig } from './defensive';
export { PanickedBorrower } from './panicked';
export type { PanickedConfig } from './panicked';

export default definePlugin({
  id: 'borrowers',
  version: '0.1.0',
  description: 'Borrowers: leverage loopers, defensive borrowers, panicked borrowers',
  agents: { looper: looperKind, defensive: defensiveKind, panicked: panickedKind },
});
