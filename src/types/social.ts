/**
 * Wire types of friends and groups.
 * @module
 */

import type { ApiUser } from "./account.ts";

/**
 * One relationship of the session user.
 *
 * @example Listing pending invites
 * ```ts
 * const { friends = [] } = await client.listFriends(session, { state: 2 });
 * for (const friend of friends) console.log(friend.user?.username, "wants to be friends");
 * ```
 */
export interface ApiFriend {
  /** The other user. */
  user?: ApiUser;
  /** 0 friend, 1 invite sent, 2 invite received, 3 blocked (always present, even 0). */
  state?: number;
  /** When the relationship last changed (RFC 3339). */
  update_time?: string;
  /** The edge metadata given to `addFriends`, as JSON text. */
  metadata?: string;
}

/**
 * A page of the session user's friends.
 *
 * @example Walking every page
 * ```ts
 * let cursor: string | undefined;
 * do {
 *   const page = await client.listFriends(session, { limit: 100, cursor });
 *   console.log(page.friends?.length ?? 0);
 *   cursor = page.cursor;
 * } while (cursor);
 * ```
 */
export interface ApiFriendList {
  /** The relationships. */
  friends?: ApiFriend[];
  /** The next page's cursor; absent on the last page. */
  cursor?: string;
}

/**
 * A user found through one of the session user's friends.
 *
 * @example Suggesting friends
 * ```ts
 * const page = await client.listFriendsOfFriends(session, { limit: 10 });
 * for (const entry of page.friends_of_friends ?? []) console.log(entry.user?.username, "via", entry.referrer);
 * ```
 */
export interface ApiFriendOfFriend {
  /** The id of the friend through whom this user was found. */
  referrer?: string;
  /** The friend of a friend. */
  user?: ApiUser;
}

/**
 * A page of friends of friends.
 *
 * @example Reading a page
 * ```ts
 * const page = await client.listFriendsOfFriends(session);
 * console.log(page.friends_of_friends?.length ?? 0, page.cursor);
 * ```
 */
export interface ApiFriendsOfFriendsList {
  /** The entries. */
  friends_of_friends?: ApiFriendOfFriend[];
  /** The next page's cursor. */
  cursor?: string;
}

/**
 * A group (clan, guild).
 *
 * @example Creating a group
 * ```ts
 * const group = await client.createGroup(session, "Knights", { open: true, maxCount: 50 });
 * console.log(group.id, group.edge_count);
 * ```
 */
export interface ApiGroup {
  /** The group id. */
  id?: string;
  /** The creator's user id. */
  creator_id?: string;
  /** The unique name. */
  name?: string;
  /** The description. */
  description?: string;
  /** The language tag. */
  lang_tag?: string;
  /** JSON text, writable only by the server. */
  metadata?: string;
  /** The avatar URL. */
  avatar_url?: string;
  /** Whether anyone may join (always present, even false). */
  open?: boolean;
  /** The current number of members. */
  edge_count?: number;
  /** The most members allowed. */
  max_count?: number;
  /** When the group was created (RFC 3339). */
  create_time?: string;
  /** When the group was last updated (RFC 3339). */
  update_time?: string;
}

/**
 * A page of groups.
 *
 * @example Searching groups by name prefix
 * ```ts
 * const page = await client.listGroups(session, { name: "knights%", limit: 20 });
 * console.log(page.groups?.map((group) => group.name));
 * ```
 */
export interface ApiGroupList {
  /** The groups. */
  groups?: ApiGroup[];
  /** The next page's cursor. */
  cursor?: string;
}

/**
 * A member of a group, with its role.
 *
 * @example Finding the admins
 * ```ts
 * const page = await client.listGroupUsers(session, groupId);
 * const admins = (page.group_users ?? []).filter((member) => (member.state ?? 0) <= 1);
 * ```
 */
export interface ApiGroupUser {
  /** The member. */
  user?: ApiUser;
  /** 0 superadmin, 1 admin, 2 member, 3 join request, 4 banned (always present, even 0). */
  state?: number;
}

/**
 * A page of a group's members.
 *
 * @example Listing join requests
 * ```ts
 * const page = await client.listGroupUsers(session, groupId, { state: 3 });
 * console.log(page.group_users?.length ?? 0, "requests");
 * ```
 */
export interface ApiGroupUserList {
  /** The members. */
  group_users?: ApiGroupUser[];
  /** The next page's cursor. */
  cursor?: string;
}

/**
 * A group a user belongs to, with the user's role in it.
 *
 * @example Listing my groups
 * ```ts
 * const page = await client.listUserGroups(session);
 * for (const entry of page.user_groups ?? []) console.log(entry.group?.name, entry.state);
 * ```
 */
export interface ApiUserGroup {
  /** The group. */
  group?: ApiGroup;
  /** 0 superadmin, 1 admin, 2 member, 3 join request, 4 banned (always present, even 0). */
  state?: number;
}

/**
 * A page of a user's groups.
 *
 * @example Reading a page
 * ```ts
 * const page = await client.listUserGroups(session, otherUserId, { limit: 10 });
 * console.log(page.user_groups?.length ?? 0, page.cursor);
 * ```
 */
export interface ApiUserGroupList {
  /** The groups with the user's role. */
  user_groups?: ApiUserGroup[];
  /** The next page's cursor. */
  cursor?: string;
}
