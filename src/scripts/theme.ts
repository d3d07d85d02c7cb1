// Light or dark: the system setting until the reader presses the toggle,
// then their choice, stored as localStorage "theme" (StoredPreferences.astro
// applies it before the first paint).
import { browserStore, writeText } from "./storage.ts";

export function attachThemeToggle(button: HTMLButtonElement): void {
  const root = document.documentElement;
  const system = matchMedia("(prefers-color-scheme: dark)");
  const isDark = () => (root.dataset.theme ? root.dataset.theme === "dark" : system.matches);
  const show = () => button.setAttribute("aria-pressed", String(isDark()));
  button.addEventListener("click", () => {
    const theme = isDark() ? "light" : "dark";
    root.dataset.theme = theme;
    writeText(browserStore(), "theme", theme);
    show();
  });
  system.addEventListener("change", show);
  show();
}
