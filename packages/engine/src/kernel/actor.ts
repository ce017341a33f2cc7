/**
 * Who owns a scheduled callback or a subscription: an agent of a plugin, or a part of the
 * world. Failures and wall-clock misuse are reported with it.
 */
export interface Actor {
  readonly id: string;
  /** The plugin an agent comes from; absent for engine and world processes. */
  readonly pluginId?: string;
}

export function describeActor(actor: Actor | undefined): string {
  if (!actor) return 'the simulation';
  return actor.pluginId ? `agent "${actor.id}" (plugin "${actor.pluginId}")` : `"${actor.id}"`;
}
