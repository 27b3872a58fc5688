/** An empty environment variable (`FOO=`) counts as unset, so its default applies; every settings block uses it. */
export const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
