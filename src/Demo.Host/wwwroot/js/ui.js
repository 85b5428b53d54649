// What every page shares: the session, the connection badge in the header, the current nav link and error toasts.
import { connectSession } from "./session.js";

const BADGE_TEXT = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};
const TOAST_MS = 6_000;

/** Opens the tab's session, wires the header to it and returns it. */
export function initPage() {
  const session = connectSession();
  markCurrentLink();
  const badge = document.querySelector("[data-testid=connection]");
  session.onConnection((state) => {
    badge.dataset.state = state;
    badge.textContent = BADGE_TEXT[state] ?? state;
    badge.title = session.token ? `Session ${session.token.slice(0, 6)}…` : "No session yet";
  });
  session.onError((error) => showError(error.handler ? `${error.handler}: ${error.message}` : error.message));
  return session;
}

/** Shows a message in a toast for a few seconds. */
export function showError(message) {
  let box = document.querySelector(".toasts");
  if (!box) {
    box = document.createElement("div");
    box.className = "toasts";
    box.setAttribute("aria-live", "polite");
    document.body.append(box);
  }
  const toast = document.createElement("div");
  toast.className = "toast";
  toast.setAttribute("role", "alert");
  toast.textContent = message;
  box.append(toast);
  setTimeout(() => toast.remove(), TOAST_MS);
}

function markCurrentLink() {
  const path = location.pathname === "/" ? "/counter" : location.pathname;
  for (const link of document.querySelectorAll(".site-nav a")) {
    if (link.getAttribute("href") === path) link.setAttribute("aria-current", "page");
  }
}
