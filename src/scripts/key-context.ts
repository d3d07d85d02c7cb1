// Where a key press happened, in the terms src/scripts/shortcuts.ts decides on.
import type { KeyContext } from "./shortcuts.ts";

function scrollsItself(element: Element | null): boolean {
  const scroller = element?.closest<HTMLElement>(".program-output, pre, .toc, .compare-col");
  return !!scroller && scroller.scrollHeight > scroller.clientHeight + 1;
}

export function keyContext(event: KeyboardEvent): KeyContext {
  const target = event.target instanceof Element ? event.target : null;
  const root = document.documentElement;
  return {
    editing: !!target?.closest("input, textarea, select, [contenteditable]:not([contenteditable=false]), .cm-editor"),
    inScroller: scrollsItself(target),
    inProgram: !!target?.closest(".program"),
    atTop: window.scrollY <= 1,
    atBottom: window.innerHeight + window.scrollY >= root.scrollHeight - 2,
    hasPrevious: !!document.querySelector("link[rel=prev]"),
    hasNext: !!document.querySelector("link[rel=next]"),
  };
}

export function inDialog(event: Event): boolean {
  return event.target instanceof Element && !!event.target.closest("dialog");
}
