/**
 * The rep's report for a chosen month: post-sale actions done vs due, the satisfaction trend,
 * promise vs reality, referrals, problems and clients at risk. Charts where looking beats
 * reading, the numbers in tables beside them, and a print layout (Save as PDF in Electron).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthlyReport } from '../../../shared/domain/report';
import { localDay } from '../../data/localTime';
import { useMonthlyReport } from './data/useMonthlyReport';
import { MonthControls } from './MonthControls';
import { formatDate, type DateStyle } from '../../i18n/dates';
import {
  ActionsSection,
  AtRiskSection,
  ContactsSection,
  VisitsSection,
  ProblemsSection,
  PromisesSection,
  ReferralsSection,
  SatisfactionSection,
} from './ReportSections';
import './reports.css';

export function ReportPage({ today = localDay() }: { today?: string }) {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(today.slice(0, 7));
  const report = useMonthlyReport(month, today);
  const monthName = (m: string, style: DateStyle = 'monthAndYear') =>
    formatDate(m, style, i18n.language);

  return (
    <div className="page report-page">
      <div className="report-head">
        <h1>{t('reports.heading', { month: monthName(month) })}</h1>
        <MonthControls month={month} onMonth={setMonth} printHint />
      </div>
      {!report ? <p className="muted">{t('reports.loading')}</p> : <ReportView report={report} />}
    </div>
  );
}

/** The report's blocks for one report: the rep's own, or a rep's row opened in the team view. */
export function ReportView({ report }: { report: MonthlyReport }) {
  const { i18n } = useTranslation();
  return (
    <div className="report-grid">
      <ActionsSection report={report} />
      <ContactsSection report={report} />
      <VisitsSection report={report} />
      <SatisfactionSection
        report={report}
        monthName={(m) => formatDate(m, 'monthShort', i18n.language)}
      />
      <PromisesSection report={report} />
      <ReferralsSection report={report} />
      <ProblemsSection report={report} />
      <AtRiskSection report={report} />
    </div>
  );
}
