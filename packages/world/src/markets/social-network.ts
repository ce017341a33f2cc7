import { SOCIAL_GRAPH } from '@paradox/sdk';
import type { SocialGraph } from '../social';
import type { World } from '../world/world';

/**
 * A social graph over agents: node i is the agent `ids[i]`. Offered to agents as the
 * `social.graph` view (who they talk to), never as a way to reach into another agent.
 */
export class SocialNetwork {
  private readonly indexOf = new Map<string, number>();

  constructor(
    readonly graph: SocialGraph,
    private readonly ids: readonly string[],
  ) {
    if (ids.length !== graph.nodeCount) throw new RangeError(`social network: ${ids.length} ids for ${graph.nodeCount} nodes`);
    ids.forEach((id, i) => this.indexOf.set(id, i));
  }

  neighbours(agentId: string): string[] {
    const i = this.indexOf.get(agentId);
    if (i === undefined) return [];
    return Array.from(this.graph.neighbours(i), (j) => this.ids[j]!);
  }

  install(world: World): void {
    const view = { neighbours: (id: string) => this.neighbours(id) };
    world.registerView(SOCIAL_GRAPH.view, () => view);
  }
}
