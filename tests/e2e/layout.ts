// Layout checks shared by the e2e tests: the longest real names a rep's book holds, and whether
// anything sticks out of the window or lies under a toast.
import type { Page } from 'playwright-core';

export const LONG_COMPANY =
  'Общество с ограниченной ответственностью «Северо-Уральская теплоэнергетическая компания»';
export const LONG_PERSON = 'Константинопольский-Преображенский Александр Вячеславович';

export const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
] as const;

/** Nothing sticks out to the right of the window: no horizontal scroll, no element past the edge. */
export async function overflowRight(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.className).split(' ')[0]}`;
      // A box that scrolls sideways hides its content off to the right just the same.
      if (
        (style.overflowX === 'auto' || style.overflowX === 'scroll') &&
        el.scrollWidth > el.clientWidth + 1
      )
        out.push(`${name} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
      // Cut off on purpose (an ellipsis) inside a box that ends within the window: not past the edge.
      let clipped = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p);
        if (o.overflowX !== 'visible' && p.getBoundingClientRect().right <= width) {
          clipped = true;
          break;
        }
      }
      if (!clipped && box.right > width + 0.5) out.push(`${name}: right ${Math.round(box.right)}`);
    }
    return out.slice(0, 10);
  });
}

/** Controls of the page (buttons, links, fields) whose visible part lies under a toast. */
export async function controlsUnderToasts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const toasts = Array.from(document.querySelectorAll('.toast')).map((t) =>
      t.getBoundingClientRect(),
    );
    const main = document.getElementById('main')!.getBoundingClientRect();
    const out: string[] = [];
    for (const el of Array.from(
      document.querySelectorAll<HTMLElement>('#main button, #main a, #main input, #main select'),
    )) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // The part of the control the page shows (main scrolls; what is below its edge is hidden).
      const top = Math.max(r.top, main.top);
      const bottom = Math.min(r.bottom, main.bottom);
      if (bottom <= top) continue;
      for (const t of toasts) {
        if (r.left < t.right && r.right > t.left && top < t.bottom && bottom > t.top) {
          out.push(`${el.tagName.toLowerCase()} "${el.textContent?.trim().slice(0, 40)}"`);
          break;
        }
      }
    }
    return out;
  });
}
