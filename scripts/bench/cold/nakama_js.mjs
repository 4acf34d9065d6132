// Cold start of @heroiclabs/nakama-js 2.8.0: import it and construct a client.
import { Client } from "@heroiclabs/nakama-js";
new Client();
