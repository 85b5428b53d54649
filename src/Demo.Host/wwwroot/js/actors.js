// The actors page: the live actor tree under /user, drawn as nested lists.
import { initPage } from "./ui.js";
import { poll } from "./poll.js";
import { el, replaceIfChanged } from "./dom.js";

const POLL_MS = 1_000;
initPage();

const tree = document.querySelector("[data-testid=actor-tree]");
poll("/actors/tree", POLL_MS, (root) =>
  replaceIfChanged(tree, JSON.stringify(root), () => [el("ul", { class: "tree-root" }, renderNode(root))]));

function renderNode(node) {
  const row = el("div", { class: node.busy ? "node busy" : "node", "data-path": node.path, title: node.path },
    el("span", { class: "node-name" }, node.name || "/"),
    el("span", { class: "node-type" }, node.actorType),
    node.detail ? el("span", { class: "node-detail" }, node.detail) : null,
    node.waiting === null || node.waiting === undefined
      ? null
      : el("span", { class: "badge mailbox", "data-testid": "waiting", title: "Events waiting for it" }, String(node.waiting)));
  const children = node.children.map(renderNode);
  if (node.omittedChildren > 0) {
    children.push(el("li", { class: "omitted" }, `… and ${node.omittedChildren} more`));
  }
  return el("li", {}, row, children.length > 0 ? el("ul", {}, children) : null);
}
