/** What other features use of the program: the checklist templates in force, and its settings section. */
export { allTemplates, templateById, templateForPurpose } from './data/checklistTemplates';
export { useTemplates } from './data/useTemplates';
export { useProgramRole, type ProgramRole } from './data/useProgramRole';
export { ProgramSettings } from './ProgramSettings';
