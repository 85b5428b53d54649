// The posts page (Reflex's background-task blog example).
import { el } from "./dom.js";
import { initPage } from "./ui.js";

const TOTAL = 10;
const session = initPage();
const button = document.querySelector("[data-testid=fetch-posts]");
const list = document.querySelector("[data-testid=posts]");
const progress = document.querySelector("[data-testid=progress]");
const status = document.querySelector("#posts-status");
const empty = document.querySelector("#posts-empty");

session.subscribe((state) => {
  const s = state.PostsState;
  if (!s) return;
  const posts = s.posts ?? [];
  // Posts only grow during a fetch: append the new ones, rebuild when the list was cleared or changed.
  const shown = [...list.children].map((li) => li.textContent);
  if (shown.length > posts.length || shown.some((title, i) => title !== posts[i])) list.replaceChildren();
  for (const title of posts.slice(list.children.length)) {
    list.append(el("li", {}, title));
  }
  progress.value = posts.length;
  progress.max = TOTAL;
  status.textContent = s.loading ? `Fetching… ${posts.length} / ${TOTAL}` : `${posts.length} / ${TOTAL}`;
  button.setAttribute("aria-busy", String(Boolean(s.loading)));
  empty.hidden = posts.length > 0 || s.loading;
});

button.addEventListener("click", () => session.send("PostsState.GetPosts"));
