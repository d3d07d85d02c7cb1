// A copy button: copies the text it is given and says so on the button for a
// moment: "Copied", "Could not copy", or, when there is nothing to copy yet
// (no output before a run), that there is nothing.
import { say } from "./ui-strings.ts";

export function attachCopyButton(button: HTMLButtonElement, text: () => string): void {
  const label = button.textContent;
  let timer: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener("click", async () => {
    const value = text();
    let result = "program.copyNothing";
    if (value.trim()) {
      try {
        await navigator.clipboard.writeText(value);
        result = "program.copied";
      } catch {
        result = "program.copyFailed";
      }
    }
    button.textContent = say(result);
    clearTimeout(timer);
    timer = setTimeout(() => (button.textContent = label), 1500);
  });
}
