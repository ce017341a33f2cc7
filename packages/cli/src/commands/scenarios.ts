import { BUILT_IN_SCENARIOS } from '@paradox/lab';
import type { CliIo } from '../main';

export function scenariosListCommand(io: CliIo): number {
  for (const scenario of BUILT_IN_SCENARIOS.values()) io.out(`${scenario.name}  ${scenario.description}\n`);
  return 0;
}
