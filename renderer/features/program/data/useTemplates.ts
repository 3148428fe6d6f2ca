/** The checklist templates in force (built-in merged with the published ones), live. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ChecklistTemplate } from '../../../../shared/domain';
import { useDatabase } from '../../../data/DataContext';
import { allTemplates } from './checklistTemplates';

export function useTemplates(): ChecklistTemplate[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => allTemplates(db), [db]);
}
