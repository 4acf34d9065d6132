/**
 * The fake Nakama server the runtime launchers talk to: one import site for all of them.
 * @module
 */

export { FakeNakama } from "../support/fake_nakama/mod.ts";
