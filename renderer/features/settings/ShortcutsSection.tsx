/** Keyboard shortcuts: the list, and the switch for the single-key ones (WCAG 2.1.4). */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../../store/ui';

export function ShortcutsSection() {
  const { t } = useTranslation();
  const ids = useId();
  const on = useUi((s) => s.singleKeyShortcuts);
  const setOn = useUi((s) => s.setSingleKeyShortcuts);
  const rows: [string, string, boolean][] = [
    ['/', t('settings.shortcuts.slash'), true],
    ['n', t('settings.shortcuts.n'), true],
    ['Alt+↓ / Alt+↑', t('settings.shortcuts.visitNext'), false],
    ['Alt+1…9', t('settings.shortcuts.visitStep'), false],
    ['Alt+N', t('settings.shortcuts.visitNotes'), false],
    ['Ctrl+Enter', t('settings.shortcuts.visitFinish'), false],
  ];
  return (
    <section aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('settings.shortcuts.title')}</h2>
      <div className="field">
        <label className="inline-check">
          <input
            type="checkbox"
            checked={on}
            aria-describedby={`${ids}-hint`}
            onChange={(e) => setOn(e.target.checked)}
          />
          {t('settings.shortcuts.singleKey')}
        </label>
        <p className="hint" id={`${ids}-hint`}>
          {t('settings.shortcuts.singleKeyHint')}
        </p>
      </div>
      <table className="shortcut-list">
        <caption>{t('settings.shortcuts.list')}</caption>
        <tbody>
          {rows.map(([keys, what, single]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>
                {what}
                {single && !on && ` (${t('settings.shortcuts.off')})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
