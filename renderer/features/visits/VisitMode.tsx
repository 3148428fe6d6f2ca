/**
 * Visit mode: a focused screen for use during the conversation. One step at a time with free
 * jumping, the client's key facts and free notes always beside it, every change saved as it
 * happens, and keyboard shortcuts listed on screen.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runProgress, validateRun } from '../../../shared/domain/checklistRun';
import { ClientFacts } from './ClientFacts';
import { FinishPanel } from './FinishPanel';
import { FinishedVisit } from './FinishedVisit';
import { ReadinessMeter } from './ReadinessPanel';
import { FINISH_STEP, StepList } from './StepList';
import { StepView } from './StepView';
import { useVisitEditor } from './data/useVisitEditor';
import { useLocalized } from '../../i18n/localize';
import { useClientAccess } from '../clients';
import { repFacingReason } from '../../ui/storageError';
import './visits.css';

export function VisitMode({ visitId }: { visitId: string }) {
  const { t } = useTranslation();
  const pick = useLocalized();
  const editor = useVisitEditor(visitId);
  const { state } = editor;
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const headingRef = useRef<HTMLDivElement>(null);
  const [showMissing, setShowMissing] = useState(false);

  const ready = state.status === 'ready' ? state : null;
  // A rep's unfinished visit on a manager's device: the rep finishes it (the server would refuse
  // the manager's answers), so it is shown to read, not to fill in.
  const access = useClientAccess(ready?.ctx.visit);
  const template = ready?.ctx.template;
  const stepKeys = useMemo(
    () => [...(template?.steps.map((s) => s.key) ?? []), FINISH_STEP],
    [template],
  );
  const current =
    ready?.step && stepKeys.includes(ready.step) ? ready.step : (stepKeys[0] ?? FINISH_STEP);
  const index = stepKeys.indexOf(current);

  const go = useCallback(
    (step: string) => {
      if (step === FINISH_STEP) setShowMissing(true);
      editor.goToStep(step);
      // Move focus to the new step so keyboard and screen-reader users land on it.
      requestAnimationFrame(() => headingRef.current?.querySelector('h2')?.focus());
    },
    [editor],
  );

  // Starting (or resuming) a visit lands the focus on its step's heading, not on the page body;
  // a finished visit focuses its own summary (FinishedVisit).
  const focusedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || focusedFor.current === visitId) return;
    focusedFor.current = visitId;
    if (ready.ctx.visit.status === 'draft') headingRef.current?.querySelector('h2')?.focus();
  }, [ready, visitId]);

  useEffect(() => {
    if (!ready || ready.ctx.visit.status !== 'draft') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && e.code === 'ArrowDown') {
        e.preventDefault();
        go(stepKeys[Math.min(stepKeys.length - 1, index + 1)]!);
      } else if (e.altKey && !e.ctrlKey && e.code === 'ArrowUp') {
        e.preventDefault();
        go(stepKeys[Math.max(0, index - 1)]!);
      } else if (e.altKey && !e.ctrlKey && /^Digit[1-9]$/.test(e.code)) {
        const target = stepKeys[Number(e.code.slice(5)) - 1];
        if (target) {
          e.preventDefault();
          go(target);
        }
      } else if (e.altKey && !e.ctrlKey && e.code === 'KeyN') {
        e.preventDefault();
        notesRef.current?.focus();
      } else if (e.ctrlKey && e.key === 'Enter') {
        e.preventDefault();
        go(FINISH_STEP);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ready, stepKeys, index, go]);

  if (state.status === 'loading') return <p className="page muted">{t('visits.mode.loading')}</p>;
  if (state.status === 'missing' || !ready)
    return (
      <section className="page page-narrow">
        <p>{t('visits.mode.notFound')}</p>
        <a href="#/visits">{t('visits.mode.back')}</a>
      </section>
    );

  const { ctx, answers, notes } = ready;
  const clientName = ctx.client?.name ?? '';
  const header = (
    <header className="visit-header">
      <a href="#/visits" className="back-link">
        ← {t('visits.mode.back')}
      </a>
      <div className="visit-title">
        <h1 title={clientName}>{clientName}</h1>
        <span className="visit-kind">
          {template ? pick(template.title) : t(`visits.kind.${ctx.visit.kind}`)}
        </span>
      </div>
      {ctx.visit.status === 'draft' && access?.kind !== 'view' && (
        <p className={`save-state save-${editor.saveState}`} role="status" aria-live="polite">
          {t(`visits.mode.save.${editor.saveState}`, {
            reason: editor.saveError ? repFacingReason(editor.saveError, t) : '',
          })}
        </p>
      )}
    </header>
  );

  // A finished visit, or a rep's unfinished one on a manager's device: read, with the client beside.
  const viewOnly = ctx.visit.status === 'draft' && access?.kind === 'view' ? access : null;
  if (viewOnly || ctx.visit.status === 'finished' || !template) {
    return (
      <div className="visit-mode">
        {header}
        <div className="visit-grid visit-grid-done">
          <div className="visit-main">
            {viewOnly ? (
              <>
                <p className="view-only-line">
                  {viewOnly.ownerName
                    ? t('visits.mode.viewOnly', { name: viewOnly.ownerName })
                    : t('visits.mode.viewOnlyUnknown')}
                </p>
                {notes.trim() !== '' && <p className="visit-notes-read">{notes}</p>}
              </>
            ) : (
              <FinishedVisit ctx={ctx} />
            )}
          </div>
          <aside className="visit-aside">
            <ClientFacts clientId={ctx.visit.clientId} />
          </aside>
        </div>
      </div>
    );
  }

  const ctxForLogic = { promisedBenefitIds: ctx.purchase?.promisedBenefits.map((b) => b.id) };
  const progress = runProgress(template, answers, ctxForLogic);
  const validation = validateRun(template, answers, ctxForLogic);
  const missing = new Set(
    showMissing ? validation.steps.flatMap((s) => [...s.missing, ...s.invalid]) : [],
  );
  const step = template.steps[index];

  return (
    <div className="visit-mode" onBlur={() => void editor.flush()}>
      {header}
      <div className="visit-grid">
        <aside className="visit-steps">
          <StepList template={template} progress={progress} current={current} onGo={go} />
          {ctx.visit.kind === 'closing' && <ReadinessMeter answers={answers} />}
        </aside>
        <div className="visit-main" ref={headingRef}>
          {step ? (
            <StepView
              key={step.key}
              step={step}
              index={index}
              total={template.steps.length}
              answers={answers}
              benefits={ctx.purchase?.promisedBenefits ?? []}
              noPurchase={ctx.visit.kind === 'post_sale' && !ctx.purchase}
              missing={missing}
              onAnswer={editor.setAnswer}
              onAnswers={editor.setAnswers}
            />
          ) : (
            <FinishPanel
              ctx={ctx}
              answers={answers}
              flush={editor.flush}
              onGo={go}
              onFinished={() => void editor.reload()}
            />
          )}
          <div className="step-nav">
            <button type="button" disabled={index === 0} onClick={() => go(stepKeys[index - 1]!)}>
              ← {t('visits.mode.previous')}
            </button>
            {step && (
              <button type="button" className="primary" onClick={() => go(stepKeys[index + 1]!)}>
                {t('visits.mode.next')} →
              </button>
            )}
          </div>
        </div>
        <aside className="visit-aside">
          <ClientFacts clientId={ctx.visit.clientId} />
          <div className="field visit-notes">
            <label htmlFor="visit-notes">{t('visits.mode.notes')}</label>
            <textarea
              id="visit-notes"
              ref={notesRef}
              value={notes}
              rows={8}
              aria-describedby="visit-notes-hint"
              onChange={(e) => editor.setNotes(e.target.value)}
            />
            <p className="hint" id="visit-notes-hint">
              {t('visits.mode.notesHint')}
            </p>
          </div>
        </aside>
      </div>
      <footer className="shortcuts">
        <span className="muted">{t('visits.mode.shortcuts')}:</span> {t('visits.mode.shortcutList')}
      </footer>
    </div>
  );
}
