/**
 * `GET /v1/experiment`: the experiments whose audience includes the identity.
 * @module
 */

import { nameLabelFilter } from "./filters.ts";
import type { Context, Route } from "./router.ts";

function list({ state, identity, url }: Context) {
  const pass = nameLabelFilter(url);
  return {
    experiments: state.experiments
      .filter((experiment) => state.inAudience(experiment.audience, identity!) && pass(experiment))
      .map((experiment) => ({
        name: experiment.name,
        value: experiment.value,
        labels: experiment.labels,
        phase_name: experiment.phaseName,
        phase_variant_name: experiment.phaseVariantName,
      })),
  };
}

/** The routes of this file. */
export const experimentRoutes: Route[] = [
  { method: "GET", pattern: /^\/v1\/experiment$/, auth: "bearer", handle: list },
];
