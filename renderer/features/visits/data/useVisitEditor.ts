/**
 * Visit mode's editing state: loads the visit (first replaying any journal a closed page left),
 * keeps the answers, notes and step the rep is editing, and hands every change to a VisitSaver.
 * The database stays the source of truth; this is only the buffer under the rep's fingers.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answer } from '../../../../shared/domain';
import { useDatabase, useRepository } from '../../../data/DataContext';
import { loadVisitContext, type VisitContext } from './visits';
import { replayJournal, VisitSaver, type SaveState } from './visitSaver';
import { isLive } from '../../../../shared/domain/common';

export type Answers = Record<string, Answer>;

type EditorState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'ready'; ctx: VisitContext; answers: Answers; notes: string; step: string | null };

export interface VisitEditor {
  state: EditorState;
  saveState: SaveState;
  saveError: unknown;
  setAnswers: (next: Answers) => void;
  setAnswer: (key: string, value: Answer) => void;
  setNotes: (notes: string) => void;
  goToStep: (step: string) => void;
  flush: () => Promise<void>;
  reload: () => Promise<void>;
}

export function useVisitEditor(visitId: string): VisitEditor {
  const db = useDatabase();
  const repo = useRepository();
  const [state, setState] = useState<EditorState>({ status: 'loading' });
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<unknown>(null);
  const saver = useRef<VisitSaver | null>(null);
  const answersRef = useRef<Answers>({});

  const load = useCallback(async (): Promise<EditorState> => {
    const visit = await db.visits.get(visitId);
    if (!visit || visit.deletedAt !== null) return { status: 'missing' };
    const run = (await db.checklistRuns.where('visitId').equals(visitId).toArray()).find((r) =>
      isLive(r),
    );
    if (visit.status === 'draft') await replayJournal(repo, { visitId, runId: run?.id ?? null });
    const ctx = await loadVisitContext(db, visitId);
    if (!ctx) return { status: 'missing' };
    return {
      status: 'ready',
      ctx,
      answers: (ctx.run?.answers ?? {}) as Answers,
      notes: ctx.visit.notes,
      step: ctx.visit.currentStep,
    };
  }, [db, repo, visitId]);

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void load().then((loaded) => {
      if (!live) return;
      if (loaded.status === 'ready' && loaded.ctx.visit.status === 'draft') {
        const s = new VisitSaver(repo, { visitId, runId: loaded.ctx.run?.id ?? null });
        s.onState((next, error) => {
          setSaveState(next);
          setSaveError(next === 'error' ? error : null);
        });
        saver.current = s;
        answersRef.current = loaded.answers;
      }
      setState(loaded);
    });
    return () => {
      live = false;
      saver.current?.dispose();
      saver.current = null;
    };
  }, [load, repo, visitId]);

  // The page may be hidden, closed or frozen at any moment: write what is pending right then.
  useEffect(() => {
    const flush = () => void saver.current?.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('blur', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('blur', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  const setAnswers = useCallback((next: Answers) => {
    answersRef.current = next;
    setState((s) => (s.status === 'ready' ? { ...s, answers: next } : s));
    saver.current?.edit({ answers: next });
  }, []);

  const setAnswer = useCallback(
    (key: string, value: Answer) => setAnswers({ ...answersRef.current, [key]: value }),
    [setAnswers],
  );

  const setNotes = useCallback((notes: string) => {
    setState((s) => (s.status === 'ready' ? { ...s, notes } : s));
    saver.current?.edit({ notes });
  }, []);

  const goToStep = useCallback((step: string) => {
    setState((s) => (s.status === 'ready' ? { ...s, step } : s));
    saver.current?.edit({ currentStep: step }, { immediate: true });
  }, []);

  const flush = useCallback(async () => {
    await saver.current?.flush();
  }, []);

  const reload = useCallback(async () => {
    const loaded = await load();
    if (loaded.status === 'ready' && loaded.ctx.visit.status === 'finished') {
      saver.current?.dispose();
      saver.current = null;
    }
    setState(loaded);
  }, [load]);

  return { state, saveState, saveError, setAnswers, setAnswer, setNotes, goToStep, flush, reload };
}
