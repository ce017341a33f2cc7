/**
 * The one thing a world model needs from randomness: uniform draws in [0, 1). The engine's
 * named RNG streams satisfy it, so models stay free of engine imports and tests can pass a
 * fixed sequence.
 */
export interface UniformSource {
  next(): number;
}
