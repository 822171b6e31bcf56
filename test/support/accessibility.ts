import type { Page } from 'playwright-core';

/*
 * Accessibility measures for any page in Chromium (the dashboard, bio pages, reports): contrast
 * from computed styles, the focus ring, sideways overflow.
 */

export type Rgba = [number, number, number, number];
/** "rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)", as getComputedStyle writes colours. */
function rgba(css: string): Rgba {
  const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css);
  if (!m) throw new Error(`unexpected colour ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
}
/** A colour painted over an opaque one. */
const over = ([r, g, b, a]: Rgba, [R, G, B]: Rgba): Rgba => [
  r * a + R * (1 - a),
  g * a + G * (1 - a),
  b * a + B * (1 - a),
  1,
];
/** WCAG 2 relative luminance. */
function luminance([r, g, b]: Rgba) {
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
/** WCAG contrast ratio of a colour over a stack of backgrounds (innermost first, an opaque one last). */
export function contrast(fg: string, backgrounds: string[]) {
  const bg = backgrounds.map(rgba).reduceRight((under, layer) => over(layer, under));
  const [a, b] = [luminance(over(rgba(fg), bg)), luminance(bg)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

export interface Painted {
  what: string;
  color: string;
  /** Background colours from the element outwards, down to the first opaque one. */
  backgrounds: string[];
  large?: boolean;
}

/** Every visible piece of text on the page: its colour and what it is painted on. */
export const paintedText = (page: Page): Promise<Painted[]> =>
  page.evaluate(() => {
    const behind = (start: Element | null) => {
      const out: string[] = [];
      for (let el = start; el; el = el.parentElement) {
        const bg = getComputedStyle(el).backgroundColor;
        if (bg === 'rgba(0, 0, 0, 0)') continue;
        out.push(bg);
        if (!bg.startsWith('rgba')) return out;
      }
      return [...out, 'rgb(255, 255, 255)']; // the canvas
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return (
        r.width > 1 &&
        r.height > 1 &&
        getComputedStyle(el).visibility === 'visible' &&
        !el.closest('[hidden], .visually-hidden, :disabled')
      );
    };
    const texts = [...document.querySelectorAll('body *')].filter(
      (el) =>
        ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) ||
        [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()),
    );
    return texts.filter(shown).map((el) => {
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      return {
        what: `${el.tagName.toLowerCase()}.${el.className} “${(el.textContent || (el as HTMLInputElement).value || '').trim().slice(0, 30)}”`,
        color: style.color,
        backgrounds: behind(el),
        // WCAG "large text": 18 pt, or 14 pt bold.
        large: size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700),
      };
    });
  });

/** The focused element's outline and what it is drawn on (outside the element), and whether a scrolling or clipping box cuts it off. */
export const focusRing = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement ?? document.body;
    const style = getComputedStyle(el);
    const offset = parseFloat(style.outlineOffset);
    const reach = parseFloat(style.outlineWidth) + offset;
    const backgrounds: string[] = [];
    for (let p = offset >= 0 ? el.parentElement : el; p; p = p.parentElement) {
      const bg = getComputedStyle(p).backgroundColor;
      if (bg === 'rgba(0, 0, 0, 0)') continue;
      backgrounds.push(bg);
      if (!bg.startsWith('rgba')) break;
    }
    if (backgrounds.length === 0 || backgrounds.at(-1)!.startsWith('rgba')) backgrounds.push('rgb(255, 255, 255)');
    const r = el.getBoundingClientRect();
    let clipped = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const box = p.getBoundingClientRect();
      if (
        r.left - reach < box.left ||
        r.right + reach > box.right ||
        r.top - reach < box.top ||
        r.bottom + reach > box.bottom
      )
        clipped = true;
    }
    return {
      what: `${el.tagName.toLowerCase()}#${el.id} “${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}”`,
      color: style.outlineColor,
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      backgrounds,
      clipped,
    };
  });

/**
 * How far the page reaches past the screen: 0 when it fits. A phone zooms out to show too
 * wide a page, and innerWidth then grows with it, so both are measured against the device width.
 */
export const overflow = (page: Page) =>
  page.evaluate(
    (width) => Math.max(document.documentElement.scrollWidth, window.innerWidth) - width,
    page.viewportSize()!.width,
  );
