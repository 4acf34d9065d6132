// Cold start on Deno and Bun: import this client from its TypeScript source and construct a client.
import { Client } from "../../../mod.ts";
new Client();
