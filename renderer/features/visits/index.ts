/** What other features use of visits: starting one, and logging a contact. */
export { startVisit } from './data/visits';
export { StartVisitButtons } from './StartVisitButtons';
export { ContactLogForm } from './ContactLogForm';
export { ReferredBy } from './ReferredBy';
