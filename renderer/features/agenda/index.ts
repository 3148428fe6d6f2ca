/** What other features use of the agenda: regenerating a client's follow-ups after a write. */
export { bookTables, regenerateFollowUps } from './data/followUps';
export { followUpTitle } from './followUpTitle';
export { CONTACT_ANSWERS } from '../../../shared/domain/followupRules';
