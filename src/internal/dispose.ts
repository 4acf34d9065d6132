/**
 * `await using` support without ESNext types in the published declarations: the `Symbol.asyncDispose` method is
 * attached at run time where the runtime has the symbol, so a TypeScript user on lib ES2022 with `skipLibCheck` off
 * still compiles against our `.d.ts`.
 * @module
 */

/** Makes `await using x = …` call `close()` on instances of `target`, where the runtime supports it. */
export function disposeWithClose(target: { prototype: { close(): Promise<void> } }): void {
  const symbol = (Symbol as { asyncDispose?: symbol }).asyncDispose;
  if (typeof symbol !== "symbol") return;
  Object.defineProperty(target.prototype, symbol, {
    value(this: { close(): Promise<void> }) {
      return this.close();
    },
    writable: true,
    configurable: true,
  });
}
