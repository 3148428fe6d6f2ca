/** English texts of the shell (navigation, common words, start-up errors). Features keep their own texts in features/<name>/texts.ts. */
export const en = {
  app: {
    name: 'Fieldbook',
    skipToContent: 'Skip to content',
    navigation: 'Main navigation',
  },
  nav: {
    clients: 'Clients',
    agenda: 'Agenda',
    visits: 'Visits',
    reports: 'Reports',
    trash: 'Trash',
    import: 'Import',
    sync: 'Sync',
    settings: 'Settings',
  },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    saving: 'Saving…',
    saved: 'Saved',
    notSet: 'not set',
    comingNext: 'This part of Fieldbook is being built next.',
  },
  agenda: { title: 'Agenda' },
  visits: { title: 'Visits' },
  reports: { title: 'Reports' },
  sync: { title: 'Sync' },
  opening: {
    title: 'Opening your book…',
    upgradeTitle: 'Preparing your book for this version of Fieldbook…',
    upgrade:
      'This happens once, on the first start after an update. On a large book (tens of thousands of clients) it can take a few minutes. Please keep Fieldbook open: if it is closed, nothing is lost and the preparation starts again next time.',
  },
  dbError: {
    title: 'Fieldbook cannot open its data',
    newer_version:
      'This data was last opened by a newer version of Fieldbook. Install the latest version, then start again. Nothing was changed.',
    unavailable:
      'This browser does not allow local storage (for example, a private window). Open Fieldbook in a normal window.',
    quota:
      'The disk is full, so Fieldbook cannot open its data. Free some disk space (delete files you do not need, empty the Trash), then press Reload. Fieldbook deleted nothing; when it opens, it checks the book against its journal and tells you if anything is missing.',
    storage:
      'The browser cannot open its data store, most often because the disk is full. Free some disk space, then press Reload. Fieldbook deleted nothing; when it opens, it checks the book against its journal and tells you if anything is missing.',
    blocked:
      'Another Fieldbook window is holding the data. Close other Fieldbook windows, then reload.',
    unknown:
      'An unexpected error stopped Fieldbook from opening its data. Reload; if it persists, tell IT and give them the details below.',
    details: 'Details for IT',
    reload: 'Reload',
  },
};
