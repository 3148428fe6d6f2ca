/** Settings section for the post-sale program and checklist templates (manager switch); not built yet. */
export function ProgramSettings() {
  return null;
}
