/**
 * A Bun admin script: finds a user by username through the console API, bans them and writes their account export
 * (a GDPR-style dump of account, storage, friends, groups, records and notifications) to `<user id>.json`.
 *
 * Run it with `bun examples/bun_admin.ts <username>` (after `bun add @nakama-ts/sdk`). It reads
 * `NAKAMA_CONSOLE_HOST`, `NAKAMA_CONSOLE_PORT` (7351), `NAKAMA_CONSOLE_SSL`, `NAKAMA_CONSOLE_USER` and
 * `NAKAMA_CONSOLE_PASSWORD` from the environment, and `NAKAMA_CONSOLE_MFA` when the console user has MFA.
 * @module
 */

import { writeFile } from "node:fs/promises";
import process from "node:process";
import { ConsoleClient, MfaRequiredError, NakamaError, UnsupportedOperationError } from "@nakama-ts/sdk/console";

const username = process.argv[2];
if (!username) {
  console.error("usage: bun examples/bun_admin.ts <username>");
  process.exit(2);
}

const admin = new ConsoleClient({
  host: process.env.NAKAMA_CONSOLE_HOST ?? "127.0.0.1",
  port: Number(process.env.NAKAMA_CONSOLE_PORT ?? "7351"),
  useSSL: process.env.NAKAMA_CONSOLE_SSL === "true",
});

try {
  const session = await admin.authenticate(
    process.env.NAKAMA_CONSOLE_USER ?? "admin",
    process.env.NAKAMA_CONSOLE_PASSWORD ?? "password",
    { mfa: process.env.NAKAMA_CONSOLE_MFA },
  );
  try {
    // The filter is an exact username (or a pattern with %); pick the exact match, case-insensitively.
    const { users = [] } = await admin.listAccounts(session, { filter: username });
    const user = users.find((u) => u.username?.toLowerCase() === username.toLowerCase());
    if (!user?.id) {
      console.error(`no user named ${username}`);
      process.exitCode = 1;
    } else {
      await admin.banAccount(session, user.id);
      // Notes arrived in Nakama 3.33; an older server simply has none.
      await admin.addAccountNote(session, user.id, `Banned by ${session.username} with bun_admin.ts.`).catch(
        (error) => {
          if (!(error instanceof UnsupportedOperationError)) throw error;
        },
      );
      const data = await admin.exportAccount(session, user.id);
      const file = `${user.id}.json`;
      await writeFile(file, JSON.stringify(data, null, 2));
      console.log(JSON.stringify({ banned: user.id, username: user.username, export: file }));
    }
  } finally {
    await admin.authenticateLogout(session);
  }
} catch (error) {
  if (error instanceof MfaRequiredError) console.error("this console user needs an MFA code: set NAKAMA_CONSOLE_MFA");
  else if (error instanceof NakamaError) console.error(`failed: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}
