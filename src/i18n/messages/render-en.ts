/** The chat adapters' own few words around a message (Slack, Teams), in English (merged into en.ts). */
export const renderEn = {
  'render.confirm.title': 'Are you sure?',
  'render.confirm.yes': 'Yes',
  'render.confirm.no': 'Cancel',
  'render.row.overdue': '{days, plural, one {# day overdue} other {# days overdue}}',
  'render.row.unclaimed': 'unclaimed',
  'render.row.claimedBy': 'claimed by {owner}',
  'render.row.nothingOpen': 'nothing open',
  'render.page': 'Page {page} of {pages}',
  'render.previous': '◀ Previous',
  'render.next': 'Next ▶',
  'render.omitted': '… {count} more not shown here: narrow the filter or use a smaller page.',
  'render.open': 'Open',
  'render.chart': '[chart: {alt}]',
} as const;
