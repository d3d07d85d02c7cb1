// UI strings mark commands with Markdown backticks ("is `npm start`
// running?"); on the page they become <code>, never literal backticks.
export interface TextRun {
  code: boolean;
  text: string;
}

export function splitInlineCode(text: string): TextRun[] {
  const runs: TextRun[] = [];
  text.split(/`([^`]+)`/).forEach((part, index) => {
    if (part) runs.push({ code: index % 2 === 1, text: part });
  });
  return runs;
}

export function inlineCodeNodes(text: string): Node[] {
  return splitInlineCode(text).map((run) => {
    if (!run.code) return document.createTextNode(run.text);
    const code = document.createElement("code");
    code.textContent = run.text;
    return code;
  });
}
