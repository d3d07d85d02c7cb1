// The code editor, CodeMirror 6, loaded only when the reader presses Edit
// (program-block.ts imports this module dynamically). Colours come from CSS
// classes (tok-*) styled in editor.css, so the editor follows the theme.
// Lines with a compile or type error carry a mark until the next run.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState, RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import type { Lang } from "../../server/contract.ts";

export interface EditorHandle {
  text(): string;
  set(text: string): void;
  focus(): void;
  /** Marks these 1-based lines as having a problem (an empty list clears the marks). */
  markLines(lines: number[]): void;
  /** Puts the cursor on a line (and column), scrolls it into view and focuses the editor. */
  goTo(line: number, column: number | null): void;
}

interface EditorOptions {
  doc: string;
  lang: Lang;
  /** Accessible name of the editing area. */
  label: string;
  onChange(text: string): void;
  onRun(): void;
  onStop(): void;
}

const setProblemLines = StateEffect.define<number[]>();
const problemLine = Decoration.line({ class: "cm-problem-line" });

const problemLines = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setProblemLines)) continue;
      const builder = new RangeSetBuilder<Decoration>();
      const doc = transaction.state.doc;
      for (const line of [...new Set(effect.value)].sort((a, b) => a - b)) {
        if (line >= 1 && line <= doc.lines) builder.add(doc.line(line).from, doc.line(line).from, problemLine);
      }
      next = builder.finish();
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

async function language(lang: Lang) {
  if (lang === "go") return (await import("@codemirror/lang-go")).go();
  return (await import("@codemirror/lang-javascript")).javascript({ typescript: true });
}

export async function createEditor(parent: HTMLElement, options: EditorOptions): Promise<EditorHandle> {
  const run = () => {
    options.onRun();
    return true;
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        // Before the default keys, which would insert lines for these.
        keymap.of([
          { key: "Mod-Enter", run },
          { key: "Shift-Enter", run },
          {
            key: "Escape",
            run: () => {
              options.onStop();
              return false;
            },
          },
        ]),
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        indentUnit.of("\t"),
        EditorState.tabSize.of(4),
        syntaxHighlighting(classHighlighter),
        problemLines,
        await language(options.lang),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        // tabindex: the content is already a tab stop; saying so lets checkers see the scrolling editor is reachable.
        EditorView.contentAttributes.of({
          "aria-label": options.label,
          tabindex: "0",
          spellcheck: "false",
          autocorrect: "off",
          autocapitalize: "off",
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    set(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
    markLines(lines) {
      view.dispatch({ effects: setProblemLines.of(lines) });
    },
    goTo(line, column) {
      const doc = view.state.doc;
      const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
      const at = Math.min(target.from + Math.max((column ?? 1) - 1, 0), target.to);
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
      view.focus();
    },
  };
}
