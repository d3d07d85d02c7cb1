// Which keyboard shortcut a key press means, decided from the key and where
// the reader is. Kept free of the DOM so the rules are easy to test:
// - Alt+←/→ move between lessons, except in an editor or text field, where
//   Alt+arrows edit text;
// - PageDown/PageUp move between lessons only when the page cannot scroll
//   further that way and the focus is not in something that scrolls itself,
//   so they never steal scrolling;
// - Ctrl/Cmd+Enter and Shift+Enter run the program the focus is in; Esc stops;
// - "?" opens the shortcut list and "/" the search, outside text fields.
export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

export interface KeyContext {
  /** The focus is in a text field or code editor. */
  editing: boolean;
  /** The focus is in an element that scrolls by itself (an output log, a code block). */
  inScroller: boolean;
  /** The focus is inside a program block. */
  inProgram: boolean;
  atTop: boolean;
  atBottom: boolean;
  hasPrevious: boolean;
  hasNext: boolean;
}

export type ShortcutAction = "previous" | "next" | "run" | "stop" | "help" | "search";

export function shortcutFor(press: KeyPress, context: KeyContext): ShortcutAction | null {
  const { key, altKey, ctrlKey, metaKey, shiftKey } = press;
  if (key === "Enter" && context.inProgram && !altKey && (ctrlKey || metaKey || (shiftKey && !ctrlKey && !metaKey))) return "run";
  if (key === "Escape" && !altKey && !ctrlKey && !metaKey && !shiftKey) return "stop";
  if (altKey && !ctrlKey && !metaKey && !shiftKey && !context.editing) {
    if (key === "ArrowLeft" && context.hasPrevious) return "previous";
    if (key === "ArrowRight" && context.hasNext) return "next";
  }
  const plain = !altKey && !ctrlKey && !metaKey && !shiftKey;
  if (plain && !context.editing && !context.inScroller) {
    if (key === "PageDown" && context.atBottom && context.hasNext) return "next";
    if (key === "PageUp" && context.atTop && context.hasPrevious) return "previous";
  }
  if (!altKey && !ctrlKey && !metaKey && !context.editing) {
    if (key === "?") return "help";
    if (key === "/" && !shiftKey) return "search";
  }
  return null;
}
