/** The number shown beside "Agenda" in the navigation (due today + overdue); none yet. */
export function AgendaNavCount() {
  return null;
}
