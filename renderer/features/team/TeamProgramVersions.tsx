/**
 * Which checklist versions each rep's visits of the month used, by the template's title in the
 * manager's language (the report keys them 'closing_signals v1'; a manager reads names, not keys).
 */
import { useTranslation } from 'react-i18next';
import type { ChecklistTemplate } from '../../../shared/domain';
import { pickText } from '../../i18n/localize';
import { useTemplates } from '../program';

const VERSION_KEY = /^(.+) v(\d+)$/;

/** «Сигналы закрытия, версия 1 — 2 визита» for 'closing_signals v1' used twice. */
export function versionLabel(
  versionKey: string,
  runs: number,
  templates: readonly ChecklistTemplate[],
  t: (key: string, options?: Record<string, unknown>) => string,
  language: string,
): string {
  const m = VERSION_KEY.exec(versionKey);
  const key = m?.[1] ?? versionKey;
  const version = m ? Number(m[2]) : null;
  const template =
    templates.find((x) => x.key === key && x.version === version) ??
    templates.find((x) => x.key === key);
  const title = (template && pickText(template.title, language)) || key;
  const named = version === null ? title : t('team.program.version', { title, version });
  return `${named} — ${t('team.program.visits', { count: runs })}`;
}

export function TeamProgramVersions(props: {
  reps: readonly { id: string; name: string; versions: Record<string, number> }[];
}) {
  const { t, i18n } = useTranslation();
  const templates = useTemplates() ?? [];
  const used = props.reps.filter((r) => Object.keys(r.versions).length > 0);
  return (
    <section aria-labelledby="team-program" className="report-card">
      <h2 id="team-program">{t('team.program.title')}</h2>
      {used.length === 0 ? (
        <p className="muted">{t('team.program.none')}</p>
      ) : (
        <ul className="report-list">
          {used.map((rep) => (
            <li key={rep.id}>
              {rep.name}:{' '}
              <span className="muted">
                {Object.entries(rep.versions)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([k, n]) => versionLabel(k, n, templates, t, i18n.language))
                  .join('; ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
