/**
 * The `names` and `labels` query filters shared by experiments, flags and live events: repeated keys, absent for
 * "all"; a configuration passes when its name is listed and it has one of the listed labels.
 * @module
 */

/** A predicate over `{name, labels}` built from the request's query. */
export function nameLabelFilter(url: URL): (item: { name: string; labels?: string[] }) => boolean {
  const names = url.searchParams.getAll("names");
  const labels = url.searchParams.getAll("labels");
  return (item) =>
    (names.length === 0 || names.includes(item.name)) &&
    (labels.length === 0 || (item.labels ?? []).some((label) => labels.includes(label)));
}
