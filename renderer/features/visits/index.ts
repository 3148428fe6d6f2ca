/** What other features use of visits: starting one, and logging a contact. */
export { startVisit, NoTemplateError, type VisitKind } from './data/visits';
export { StartVisitButtons } from './StartVisitButtons';
export { ContactLogForm, type ContactPreset } from './ContactLogForm';
export { ReferredBy } from './ReferredBy';
