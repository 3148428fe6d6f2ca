import { useTranslation } from 'react-i18next';
import { highlight, type SearchField, type SearchHit } from '../../../shared/search';
import type { ClientSummary } from './data/clientSummary';
import { useStoredTexts } from './data/matchTexts';
import { Highlighted } from './Highlighted';

const SNIPPET_CHARS = 90;

/** The part of a long text around its first match, so the marked word is always in view. */
function snippetAround(text: string, terms: readonly string[]): string | null {
  const segments = highlight(text, terms);
  let offset = 0;
  for (const s of segments) {
    if (s.match) {
      const flat = segments.map((x) => x.text).join('');
      const start = Math.max(0, offset - 30);
      const end = Math.min(flat.length, start + SNIPPET_CHARS);
      return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
    }
    offset += s.text.length;
  }
  return null;
}

function firstMatch(texts: readonly string[], terms: readonly string[]): string | null {
  for (const text of texts) {
    const snippet = snippetAround(text, terms);
    if (snippet !== null) return snippet;
  }
  return null;
}

/** Texts of the client in one search field that live in the summary already. */
function summaryTexts(summary: ClientSummary, field: SearchField): string[] {
  const people = summary.people;
  switch (field) {
    case 'people':
      return people.flatMap((p) => [p.name, ...p.children.map((c) => c.name)]);
    case 'phones':
      return people.flatMap((p) =>
        p.channels.filter((c) => c.kind === 'phone').map((c) => c.value),
      );
    case 'emails':
      return people.flatMap((p) =>
        p.channels.filter((c) => c.kind !== 'phone').map((c) => c.value),
      );
    case 'tags':
      return summary.client.tags;
    case 'address':
      return [summary.client.address];
    default:
      return [];
  }
}

/** Under a search hit that is not in the name: where it was found, with the words marked. */
export function MatchContext({
  summary,
  hit,
  terms,
}: {
  summary: ClientSummary;
  hit: SearchHit;
  terms: readonly string[];
}) {
  const { t } = useTranslation();
  const field = hit.fields[0] ?? 'notes';
  const needsDb = field === 'items' || field === 'notes';
  const stored = useStoredTexts(summary.client.id, needsDb ? field : null);
  const texts = needsDb ? (stored ?? []) : summaryTexts(summary, field);
  const snippet = firstMatch(texts, terms);
  return (
    <span className="client-match">
      <span className="match-field">{t(`clients.search.field.${field}`)}:</span>{' '}
      {snippet !== null && <Highlighted text={snippet} terms={terms} />}
    </span>
  );
}
