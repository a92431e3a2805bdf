import type { Page } from 'playwright-core';

/**
 * Layout faults a person would see inside `root`: an element running past the root's left or right edge, or text
 * cut inside its own box (a leaf whose text is wider than the box that clips it, or an input whose value is wider
 * than the input). Elements inside `skipClipInside` are held only to the first rule; elements inside
 * `clippedInside` (a widget that clips and scrolls its own content, such as Monaco's editor) to neither: the widget
 * itself is still held to both.
 */
export function findLayoutProblems(
  page: Page,
  root: string,
  skipClipInside?: string,
  clippedInside?: string
): Promise<string[]> {
  return page.evaluate(
    ([rootSel, skipSel, clippedSel]) => {
      const box = document.querySelector(rootSel)!.getBoundingClientRect();
      const problems: string[] = [];
      for (const el of Array.from(document.querySelectorAll(`${rootSel} *`))) {
        if (clippedSel && el.parentElement?.closest(clippedSel)) {
          continue;
        }
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) {
          continue;
        }
        if (r.right > box.right + 1 || r.left < box.left - 1) {
          problems.push(
            `${el.tagName}.${el.className} runs past the box (${Math.round(r.left)}–${Math.round(r.right)})`
          );
        }
        const h = el as HTMLElement;
        if (skipSel && h.closest(skipSel)) {
          continue;
        }
        const clips = getComputedStyle(h).overflowX !== 'visible' && h.scrollWidth > h.clientWidth + 1;
        if (clips && h.children.length === 0 && (h.textContent ?? '').trim() !== '') {
          problems.push(`"${h.textContent!.trim().slice(0, 30)}" is cut in its box`);
        }
        // A filled text box whose value is wider than the box shows only part of it.
        if (h instanceof HTMLInputElement && h.value !== '' && h.scrollWidth > h.clientWidth + 1) {
          problems.push(`the value "${h.value.slice(0, 30)}" is cut in its input`);
        }
      }
      return problems;
    },
    [root, skipClipInside, clippedInside] as const
  );
}
