/**
 * The fake Nakama server the runtime launchers talk to. One import site, so the launchers never care which file
 * provides it.
 * @module
 */

// TODO(lead): switch to "../support/fake_nakama/mod.ts" and delete stand_in_fake.ts once the fake server lands.
export { FakeNakama } from "./stand_in_fake.ts";
