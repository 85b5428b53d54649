// A tiny element builder: el("td", {class: "num"}, "3") -> <td class="num">3</td>.

/** Creates an element with attributes (data-* and aria-* included) and children (strings or nodes). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return element;
}

const lastKeys = new WeakMap();

/** Replaces the children of `parent` with render()'s, only when `key` differs from the last one (no flicker). */
export function replaceIfChanged(parent, key, render) {
  if (lastKeys.get(parent) === key) return false;
  lastKeys.set(parent, key);
  parent.replaceChildren(...render());
  return true;
}
