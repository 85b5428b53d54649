// What every page shares: the session, the connection badge in the header, the current nav link and error toasts.
import { el } from "./dom.js";
import { connectSession } from "./session.js";

const BADGE_TEXT = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  refused: "Server busy, retrying…",
  offline: "Offline",
};
const TOAST_MS = 6_000;
const PAGES = [
  ["/counter", "Counter"],
  ["/posts", "Posts"],
  ["/lifespan", "Lifespan"],
  ["/actors", "Actors"],
];

/** Opens the tab's session, draws the header with its connection badge and returns the session. */
export function initPage() {
  const session = connectSession();
  const badge = renderHeader(document.querySelector(".site-header"));
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
    box = el("div", { class: "toasts", "aria-live": "polite" });
    document.body.append(box);
  }
  const toast = el("div", { class: "toast", role: "alert" }, message);
  box.append(toast);
  setTimeout(() => toast.remove(), TOAST_MS);
}

/** The brand, the page links (the current one marked) and the connection badge. */
function renderHeader(header) {
  const current = location.pathname === "/" ? "/counter" : location.pathname;
  const links = PAGES.map(([href, text]) => el("a", { href, "aria-current": href === current ? "page" : null }, text));
  const badge = el("span", { class: "connection", "data-testid": "connection", "data-state": "connecting", role: "status" }, BADGE_TEXT.connecting);
  header.replaceChildren(
    el("a", { class: "brand", href: "/" }, "Lifespan", el("span", {}, ".Actors")),
    el("nav", { class: "site-nav", "aria-label": "Pages" }, links),
    badge,
  );
  return badge;
}
