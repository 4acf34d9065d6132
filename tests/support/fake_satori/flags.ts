/**
 * `GET /v1/flag` and `GET /v1/flag/override`. With a session, a flag takes the value of the first override whose
 * audience includes the identity; with the API key only, every flag has its default value.
 * @module
 */

import { nameLabelFilter } from "./filters.ts";
import type { Context, Route } from "./router.ts";
import type { FlagOverrideSeed, Identity } from "./state.ts";

/** FlagOverrideType -> FlagValueChangeReasonType (1 FLAG_VARIANT, 2 LIVE_EVENT, 3 EXPERIMENT). */
const REASON: Record<FlagOverrideSeed["type"], number> = { 1: 1, 2: 2, 3: 2, 4: 3 };

function overridesFor(context: Context, flag: string, identity: Identity | undefined): FlagOverrideSeed[] {
  if (!identity) return [];
  return context.state.flagOverrides.filter((o) => o.flag === flag && context.state.inAudience(o.audience, identity));
}

function list(context: Context) {
  const pass = nameLabelFilter(context.url);
  return {
    flags: context.state.flags.filter(pass).map((flag) => {
      const override = overridesFor(context, flag.name, context.identity)[0];
      return {
        name: flag.name,
        value: override ? override.value : flag.value,
        labels: flag.labels,
        condition_changed: override !== undefined,
        change_reason: override
          ? { name: override.name, type: REASON[override.type], variant_name: override.variantName }
          : undefined,
      };
    }),
  };
}

function listOverrides(context: Context) {
  const pass = nameLabelFilter(context.url);
  return {
    flags: context.state.flags.filter(pass).map((flag) => ({
      flag_name: flag.name,
      labels: flag.labels,
      overrides: overridesFor(context, flag.name, context.identity).map((o) => ({
        name: o.name,
        type: o.type,
        value: o.value,
        variant_name: o.variantName,
        create_time_sec: String(o.createTimeSec ?? context.state.nowSec()),
      })),
    })),
  };
}

/** The routes of this file. */
export const flagRoutes: Route[] = [
  { method: "GET", pattern: /^\/v1\/flag$/, auth: "either", handle: list },
  { method: "GET", pattern: /^\/v1\/flag\/override$/, auth: "either", handle: listOverrides },
];
