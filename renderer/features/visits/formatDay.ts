/**
 * The visits' old name for the app's date formatter (renderer/i18n/dates.ts). FinishPanel.tsx
 * still imports it from here; new code imports useFormatDate from i18n/dates.
 */
export { useFormatDate as useFormatDay } from '../../i18n/dates';
