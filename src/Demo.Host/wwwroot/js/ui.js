// What every page shares: the session, the connection badge in the header, the current nav link and error toasts.
import { connectSession } from "./session.js";

const BADGE_TEXT = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
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

/** The brand, the page links (the current one marked) and the connection badge. */
function renderHeader(header) {
  const current = location.pathname === "/" ? "/counter" : location.pathname;
  const brand = Object.assign(document.createElement("a"), { className: "brand", href: "/" });
  brand.append("Lifespan", Object.assign(document.createElement("span"), { textContent: ".Actors" }));
  const nav = Object.assign(document.createElement("nav"), { className: "site-nav" });
  nav.setAttribute("aria-label", "Pages");
  for (const [href, text] of PAGES) {
    const link = Object.assign(document.createElement("a"), { href, textContent: text });
    if (href === current) link.setAttribute("aria-current", "page");
    nav.append(link);
  }
  const badge = Object.assign(document.createElement("span"), { className: "connection", textContent: BADGE_TEXT.connecting });
  Object.assign(badge.dataset, { testid: "connection", state: "connecting" });
  badge.setAttribute("role", "status");
  header.replaceChildren(brand, nav, badge);
  return badge;
}
