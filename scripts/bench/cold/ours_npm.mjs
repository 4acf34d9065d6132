// Cold start on Node: import this client from the npm build and construct a client.
import { Client } from "../../../npm/esm/mod.js";
new Client();
