/**
 * Wire types of the storage engine.
 * @module
 */

/**
 * A stored object.
 *
 * @example Reading a value
 * ```ts
 * const { objects = [] } = await client.readStorageObjects(session, [{ collection: "saves", key: "slot1", userId }]);
 * for (const object of objects) console.log(object.key, JSON.parse(object.value ?? "{}"));
 * ```
 */
export interface ApiStorageObject {
  /** The collection. */
  collection?: string;
  /** The key. */
  key?: string;
  /** The owner's user id. */
  user_id?: string;
  /** The value: a JSON object as text. */
  value?: string;
  /** The version hash, for conditional writes. */
  version?: string;
  /** 0 no read, 1 owner read, 2 public read. */
  permission_read?: number;
  /** 0 no write (server only), 1 owner write. */
  permission_write?: number;
  /** When the object was created (RFC 3339). */
  create_time?: string;
  /** When the object was last updated (RFC 3339). */
  update_time?: string;
}

/**
 * The reply of `readStorageObjects`: objects that are missing or unreadable are left out, in no set order.
 *
 * @example Counting what was found
 * ```ts
 * const reply = await client.readStorageObjects(session, ids);
 * console.log(reply.objects?.length ?? 0, "of", ids.length);
 * ```
 */
export interface ApiStorageObjects {
  /** The objects found. */
  objects?: ApiStorageObject[];
}

/**
 * A page of a collection.
 *
 * @example Listing a collection
 * ```ts
 * const page = await client.listStorageObjects(session, "saves", { userId: session.userId, limit: 10 });
 * console.log(page.objects?.map((object) => object.key), page.cursor);
 * ```
 */
export interface ApiStorageObjectList {
  /** The objects. */
  objects?: ApiStorageObject[];
  /** The next page's cursor. */
  cursor?: string;
}

/**
 * The acknowledgement of one written object.
 *
 * @example Keeping the new version
 * ```ts
 * const { acks = [] } = await client.writeStorageObjects(session, [{ collection: "saves", key: "slot1", value: {} }]);
 * console.log(acks[0]?.version);
 * ```
 */
export interface ApiStorageObjectAck {
  /** The collection. */
  collection?: string;
  /** The key. */
  key?: string;
  /** The new version hash. */
  version?: string;
  /** The owner's user id. */
  user_id?: string;
  /** When the object was created (RFC 3339). */
  create_time?: string;
  /** When the object was last updated (RFC 3339). */
  update_time?: string;
}

/**
 * The reply of `writeStorageObjects`: one ack per object, in request order.
 *
 * @example Reading the acks
 * ```ts
 * const reply = await client.writeStorageObjects(session, objects);
 * console.log(reply.acks?.length ?? 0);
 * ```
 */
export interface ApiStorageObjectAcks {
  /** The acknowledgements. */
  acks?: ApiStorageObjectAck[];
}
