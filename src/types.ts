/**
 * Wire types: each mirrors one JSON message of the Nakama API exactly, with its snake_case field names. int64
 * fields are decimal strings, as the server sends them, so they stay exact. Fields the server omits at their zero
 * value are optional.
 * @module
 */

/** The reply of every authenticate call and of a refresh. */
export interface ApiSession {
  /** True when the call created the account. */
  created?: boolean;
  /** The session JWT. */
  token: string;
  /** The refresh JWT. */
  refresh_token?: string;
}

/** A user, as other users see it. */
export interface ApiUser {
  id?: string;
  username?: string;
  display_name?: string;
  avatar_url?: string;
  lang_tag?: string;
  location?: string;
  timezone?: string;
  /** JSON text. */
  metadata?: string;
  facebook_id?: string;
  google_id?: string;
  gamecenter_id?: string;
  steam_id?: string;
  online?: boolean;
  edge_count?: number;
  create_time?: string;
  update_time?: string;
  facebook_instant_game_id?: string;
  apple_id?: string;
}

/** A device linked to an account. */
export interface ApiAccountDevice {
  id?: string;
  vars?: Record<string, string>;
}

/** The session user's own account. */
export interface ApiAccount {
  user?: ApiUser;
  /** JSON text. */
  wallet?: string;
  email?: string;
  devices?: ApiAccountDevice[];
  custom_id?: string;
  verify_time?: string;
  disable_time?: string;
}
