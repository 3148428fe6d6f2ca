/** What other features use of settings: the contact-cadence settings that the rules read. */
export { CADENCE_SETTINGS_KEY, loadCadenceSettings } from './data/cadenceSettings';
export { useCadenceSettings } from './data/useCadenceSettings';
