// The code editor, CodeMirror 6, loaded only when the reader presses Edit
// (program-block.ts imports this module dynamically). Colours come from CSS
// classes (tok-*) styled in global.css, so the editor follows the theme.

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import type { Lang } from "../../server/contract.ts";

export interface EditorHandle {
  text(): string;
  set(text: string): void;
  focus(): void;
}

export interface EditorOptions {
  doc: string;
  lang: Lang;
  /** Accessible name of the editing area. */
  label: string;
  onChange(text: string): void;
  onRun(): void;
  onStop(): void;
}

async function language(lang: EditorOptions["lang"]) {
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
        await language(options.lang),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": options.label, spellcheck: "false", autocorrect: "off", autocapitalize: "off" }),
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
  };
}
