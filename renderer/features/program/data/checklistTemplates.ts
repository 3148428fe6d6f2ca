/**
 * Checklist templates as the app sees them: the built-in ones every device ships with plus the
 * versions management published (stored and synced). Built-ins are never written to the database;
 * a stored record with a built-in's id (e.g. synced back) wins.
 */
import type { ChecklistTemplate } from '../../../../shared/domain';
import { BUILTIN_TEMPLATES, mergeTemplates } from '../../../../shared/domain/templates';
import type { FieldbookDb } from '../../../data/db';
import type { Editable, Repository } from '../../../data/repository';
import { localTimestamp } from '../../../data/localTime';

export async function allTemplates(db: FieldbookDb): Promise<ChecklistTemplate[]> {
  return mergeTemplates(await db.checklistTemplates.toArray());
}

/** The exact template (and version) a run was started with, so an old visit reads as it was filled. */
export async function templateById(
  db: FieldbookDb,
  id: string,
): Promise<ChecklistTemplate | undefined> {
  return (await db.checklistTemplates.get(id)) ?? BUILTIN_TEMPLATES.find((t) => t.id === id);
}

/** The template a new run of this purpose uses: the most recently published version in force. */
export function templateForPurpose(
  templates: readonly ChecklistTemplate[],
  purpose: ChecklistTemplate['purpose'],
): ChecklistTemplate | null {
  let best: ChecklistTemplate | null = null;
  for (const t of templates) {
    if (t.purpose !== purpose || t.deletedAt !== null || t.publishedAt === null) continue;
    if (
      !best ||
      t.publishedAt > (best.publishedAt ?? '') ||
      (t.publishedAt === best.publishedAt && t.version > best.version)
    )
      best = t;
  }
  return best;
}

export type TemplateContent = Pick<ChecklistTemplate, 'title' | 'steps'>;

/**
 * Publishes an edited template as the next version under the same key. A published version is
 * never changed, so runs that used it keep reading correctly.
 */
export async function publishTemplateVersion(
  repo: Repository,
  base: ChecklistTemplate,
  content: TemplateContent,
): Promise<ChecklistTemplate> {
  const templates = await allTemplates(repo.db);
  const highest = templates
    .filter((t) => t.key === base.key)
    .reduce((max, t) => Math.max(max, t.version), 0);
  const fields: Editable<'checklistTemplates'> = {
    key: base.key,
    version: highest + 1,
    purpose: base.purpose,
    title: content.title,
    steps: content.steps,
    publishedAt: localTimestamp(),
    deletedAt: null,
  };
  return repo.create('checklistTemplates', fields);
}
