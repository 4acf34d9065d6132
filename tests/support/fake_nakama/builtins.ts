/**
 * What the capture server had loaded from its Lua modules, preloaded into every fake: the RPC functions of
 * `rig.lua` and `clientrpc.lua` (and the tournament helpers), plus the `test_leaderboard` and `test_tournament`.
 * @module
 */

import { newLeaderboard, newTournament } from "./ranking.ts";
import { type FakeLeaderboard, RpcError, type RpcFunction } from "./state.ts";

/**
 * Node name of the capture server; authoritative match and party ids end in `.<node>`.
 * @example A match id
 * ```ts
 * `${crypto.randomUUID()}.${NODE_NAME}`;
 * ```
 */
export const NODE_NAME = "nakama-rig";

function parseObject(payload: string): Record<string, unknown> {
  if (!payload) return {};
  try {
    const value = JSON.parse(payload);
    if (value && typeof value === "object" && !Array.isArray(value)) return value;
  } catch { /* fall through */ }
  throw new RpcError("payload must be a JSON object", 13);
}

const createMatch = (handler: string): RpcFunction => async (ctx, payload) => {
  const label = handler === "test_match" ? parseObject(payload).label : undefined;
  const text = typeof label === "string" ? label : undefined;
  let matchId: string;
  if (ctx.state.createAuthoritativeMatch) {
    matchId = await ctx.state.createAuthoritativeMatch(text, handler);
  } else {
    // Without a realtime side the match only exists as a listing, which is all REST can observe.
    matchId = `${crypto.randomUUID()}.${NODE_NAME}`;
    ctx.state.matches.set(matchId, {
      match_id: matchId,
      authoritative: true,
      label: text ?? (handler === "test_match" ? "test_match" : ""),
      size: 0,
      tick_rate: handler === "test_match" ? 10 : 1,
      handler_name: handler,
      create_time: ctx.state.now(),
    });
  }
  return JSON.stringify({ match_id: matchId });
};

/**
 * The preloaded RPC functions, by lower-cased id.
 * @example List them
 * ```ts
 * [...builtinRpcs().keys()]; // ["echo", "clientrpc.rpc", ...]
 * ```
 */
export function builtinRpcs(): Map<string, RpcFunction> {
  const rpcs = new Map<string, RpcFunction>();
  const echo: RpcFunction = (_ctx, payload) => payload;
  rpcs.set("echo", echo);
  rpcs.set("clientrpc.rpc", (ctx, payload) => {
    ctx.state.events.push({
      user_id: ctx.userId,
      name: "clientrpc.rpc",
      timestamp: new Date(ctx.state.now()).toISOString(),
      external: false,
      properties: {},
    });
    return payload;
  });
  rpcs.set("clientrpc.rpc_get", () => JSON.stringify({ message: "PONG" }));
  rpcs.set("clientrpc.rpc_error", () => {
    throw new RpcError("Some error occured.", 13);
  });
  rpcs.set("clientrpc.send_notification", (ctx, payload) => {
    const target = parseObject(payload).user_id;
    if (typeof target !== "string") throw new RpcError("user_id is required", 13);
    ctx.state.notify(target, {
      subject: "You've unlocked level 100!",
      content: JSON.stringify({ reward_coins: 1000 }),
      code: 1,
      sender_id: ctx.userId,
      persistent: true,
    });
  });
  rpcs.set("clientrpc.send_stream_data", async (ctx, payload) => {
    await ctx.state.sendStreamData?.(ctx.userId, payload);
  });
  rpcs.set("create_authoritative_match", createMatch("test_match"));
  rpcs.set("clientrpc.create_authoritative_match", createMatch("match"));
  rpcs.set("clientrpc.create_leaderboard", (ctx, payload) => {
    const operator = parseObject(payload).operator;
    const id = crypto.randomUUID();
    const ops = ["best", "set", "incr", "decr"] as const;
    const op = ops.find((o) => o === operator) ?? "best";
    ctx.state.leaderboards.set(id, newLeaderboard({ id, operator: op, createTime: ctx.state.now() }));
    return JSON.stringify({ leaderboard_id: id });
  });
  const createTournament: RpcFunction = (ctx, payload) => {
    const p = parseObject(payload);
    const id = typeof p.tournament_id === "string" && p.tournament_id ? p.tournament_id : crypto.randomUUID();
    const num = (v: unknown) => (typeof v === "number" ? v : 0);
    const str = (v: unknown) => (typeof v === "string" ? v : "");
    const board = newTournament({
      id,
      authoritative: p.authoritative === true,
      sortOrder: p.sort_order === "asc" ? "asc" : "desc",
      operator: (["best", "set", "incr", "decr"] as const).find((o) => o === p.operator) ?? "best",
      resetSchedule: str(p.reset_schedule),
      metadata: typeof p.metadata === "object" && p.metadata ? JSON.stringify(p.metadata) : "{}",
      title: str(p.title),
      description: str(p.description),
      category: num(p.category),
      duration: num(p.duration),
      startTime: num(p.start_time),
      endTime: num(p.end_time),
      maxSize: num(p.max_size),
      maxNumScore: num(p.max_num_score),
      joinRequired: p.join_required === true,
      createTime: ctx.state.now(),
    });
    ctx.state.leaderboards.set(id, board);
    return JSON.stringify({ tournament_id: id });
  };
  rpcs.set("clientrpc.create_tournament", createTournament);
  rpcs.set("clientrpc.create_same_tournament_multiple_times", (ctx, payload) => {
    const p = parseObject(payload);
    const id = typeof p.tournament_id === "string" && p.tournament_id ? p.tournament_id : crypto.randomUUID();
    if (!ctx.state.leaderboards.has(id)) {
      createTournament(ctx, JSON.stringify({ ...p, tournament_id: id }));
    }
    return JSON.stringify({ tournament_id: id });
  });
  rpcs.set("clientrpc.delete_tournament", (ctx, payload) => {
    const id = parseObject(payload).tournament_id;
    if (typeof id === "string") ctx.state.leaderboards.delete(id);
  });
  return rpcs;
}

/**
 * The leaderboards registered by `rig.lua` when the server starts.
 * @example Read one
 * ```ts
 * builtinLeaderboards(Date.now()).map((b) => b.id); // ["test_leaderboard", "test_tournament"]
 * ```
 */
export function builtinLeaderboards(nowMs: number): FakeLeaderboard[] {
  return [
    newLeaderboard({
      id: "test_leaderboard",
      sortOrder: "desc",
      operator: "best",
      metadata: '{"rig":true}',
      createTime: nowMs,
    }),
    newTournament({
      id: "test_tournament",
      sortOrder: "desc",
      operator: "best",
      resetSchedule: "0 0 * * *",
      metadata: '{"rig":true}',
      title: "Test Tournament",
      description: "rig tournament",
      category: 1,
      duration: 86400,
      createTime: nowMs,
    }),
  ];
}
