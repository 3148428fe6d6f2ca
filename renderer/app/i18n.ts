/**
 * The app's texts: the core (shell, errors), the desktop's, and every feature's, each mounted
 * where its contribution says, so `t('clients.form.name')` finds them.
 */
import { en as coreEn } from '../i18n/core.en';
import { ru as coreRu } from '../i18n/core.ru';
import { startI18n, type Language } from '../i18n';
import * as desktop from '../platform/texts';
import type { Texts } from '../ui/contribution';
import { FEATURES } from './features';

type Tree = Record<string, unknown>;

/** Sets `value` at a dotted path, copying each object on the way so no module's texts change. */
function mount(tree: Tree, path: string, value: object): Tree {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...tree, [head!]: { ...(tree[head!] as Tree), ...value } };
  return {
    ...tree,
    [head!]: mount((tree[head!] as Tree | undefined) ?? {}, rest.join('.'), value),
  };
}

function resourcesFor(language: Language): Tree {
  const mounts: [string, Texts][] = [
    ['desktop', desktop],
    ...FEATURES.flatMap((f) => Object.entries(f.texts ?? {})),
  ];
  // A parent before what nests in it (clients before clients.import).
  mounts.sort(([a], [b]) => a.split('.').length - b.split('.').length);
  return mounts.reduce<Tree>(
    (tree, [path, texts]) => mount(tree, path, texts[language]),
    language === 'en' ? coreEn : coreRu,
  );
}

export function initI18n(language: Language) {
  return startI18n(language, { en: resourcesFor('en'), ru: resourcesFor('ru') });
}
