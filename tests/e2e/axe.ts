// axe-core (a dev dependency, nothing downloaded) run inside the page, for the WCAG 2.1 AA check.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, NodeResult, Result } from 'axe-core';
import type { Locator, Page } from 'playwright-core';

/** The rules of WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];

// axe-core's package entry is axe.js; the minified build sits next to it.
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url)
    .resolve('axe-core')
    .replace(/axe\.js$/, 'axe.min.js'),
  'utf8',
);

/** What a contrast check reports about one element (axe types it as any). */
interface ContrastData {
  fgColor?: string;
  bgColor?: string;
  contrastRatio?: number;
  expectedContrastRatio?: string;
}

/**
 * The app's Content-Security-Policy refuses inline scripts, so addScriptTag({ content }) is
 * blocked; evaluating the source through the DevTools protocol is not an inline script and leaves
 * the policy as a rep's window has it. A hash route change keeps `window.axe`; a reload does not.
 */
async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  await page.evaluate(AXE_SOURCE);
}

function describeNode(violation: Result, node: NodeResult): string {
  const checks = [...node.any, ...node.all, ...node.none];
  const contrast = checks.map((c) => c.data as ContrastData | null).find((d) => d?.contrastRatio);
  const why = contrast
    ? `contrast ${contrast.contrastRatio}:1 (${contrast.fgColor} on ${contrast.bgColor}), needs ${contrast.expectedContrastRatio}`
    : (checks[0]?.message ?? violation.help);
  const html = node.html.replace(/\s+/g, ' ').slice(0, 120);
  return `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${why} — ${html}`;
}

/**
 * Every serious or critical WCAG 2.1 A/AA violation on the page as it is now (or only inside
 * `within`, for a part opened on a screen already checked whole), one line per element: the rule,
 * the element and, for contrast, the ratio and the two colours.
 */
export async function seriousViolations(
  page: Page,
  where: string,
  within?: Locator,
): Promise<string[]> {
  await injectAxe(page);
  const run = async (context: Node, tags: string[]) => {
    const { axe } = window as unknown as {
      axe: { run: (context: Node, options: object) => Promise<AxeResults> };
    };
    const result = await axe.run(context, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations;
  };
  // The whole page is its <html> element: axe's page-level rules (lang, title) still apply.
  const violations = await (within ?? page.locator('html')).evaluate(run, WCAG_AA_TAGS);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${where}: ${describeNode(v, node)}`));
}
