/** What other features use of the report: the book it reads, and its blocks for one report. */
export { loadMonthBook, loadReportBook } from './data/reportData';
export { ReportView } from './ReportPage';
export { MonthControls } from './MonthControls';
