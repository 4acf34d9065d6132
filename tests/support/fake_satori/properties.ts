/**
 * Identity properties: default and custom maps set by the client (merged key by key; an empty value removes the
 * key) and computed ones derived from received events.
 * @module
 */

import { badInput } from "./reply.ts";
import { type Context, objectBody, type Route } from "./router.ts";
import type { FakeSatoriState, Identity } from "./state.ts";

function stringMap(name: string, value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw badInput(`${name} must be an object.`);
  for (const item of Object.values(value)) {
    if (typeof item !== "string") throw badInput(`${name} values must be strings.`);
  }
  return value as Record<string, string>;
}

function merge(target: Record<string, string>, changes: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (value === "") delete target[key];
    else target[key] = value;
  }
}

/** Merges default and custom property changes into an identity (checked first, so a bad body changes nothing). */
export function applyProperties(identity: Identity, defaults: unknown, custom: unknown): void {
  const checkedDefaults = stringMap("default", defaults);
  const checkedCustom = stringMap("custom", custom);
  merge(identity.default, checkedDefaults);
  merge(identity.custom, checkedCustom);
}

/** The wire `Properties` of an identity. */
export function propertiesOf(state: FakeSatoriState, identity: Identity) {
  return { default: { ...identity.default }, custom: { ...identity.custom }, computed: state.computed(identity) };
}

function update(context: Context) {
  const body = objectBody(context);
  if (body.recompute !== undefined && typeof body.recompute !== "boolean") throw badInput("recompute must be a bool.");
  applyProperties(context.identity!, body.default, body.custom);
  return {};
}

/** The routes of this file. */
export const propertiesRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/v1\/properties$/,
    auth: "bearer",
    handle: ({ state, identity }) => propertiesOf(state, identity!),
  },
  { method: "PUT", pattern: /^\/v1\/properties$/, auth: "bearer", handle: update },
];
