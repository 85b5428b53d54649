// The lifespan page: the poller's ticks, the model, the lifespan tasks and the running background tasks.
import { initPage, showError } from "./ui.js";
import { poll } from "./poll.js";
import { el, replaceIfChanged } from "./dom.js";

const POLL_MS = 1_000;
initPage();

const ticks = document.querySelector("[data-testid=ticks]");
poll("/lifespan/ticks", POLL_MS, (recent) =>
  replaceIfChanged(ticks, JSON.stringify(recent), () => [...recent].reverse().map((tick) => el("li", {}, tick))));

const tasks = document.querySelector("[data-testid=lifespan-tasks] tbody");
poll("/lifespan/tasks", POLL_MS, (list) =>
  replaceIfChanged(tasks, JSON.stringify(list), () => list.map((task) =>
    el("tr", {},
      el("td", {}, el("code", {}, task.name)),
      el("td", {}, task.shape),
      el("td", {}, el("span", { class: `status status-${task.status.toLowerCase()}`, title: task.error ?? undefined }, task.status)),
      el("td", { class: "num" }, String(task.restartCount))))));

const background = document.querySelector("[data-testid=background-tasks] tbody");
const backgroundEmpty = document.querySelector("#background-empty");
poll("/lifespan/background-tasks", POLL_MS, (list) => {
  backgroundEmpty.hidden = list.length > 0;
  // Rebuilt every time: the "running for" column changes every second.
  background.replaceChildren(...list.map((task) =>
    el("tr", {},
      el("td", {}, el("code", {}, task.session)),
      el("td", {}, el("code", {}, task.handler)),
      el("td", {}, new Date(task.started).toLocaleTimeString()),
      el("td", { class: "num" }, since(task.started)))));
});

function since(started) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(started)) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const form = document.querySelector("#predict-form");
const x = document.querySelector("[data-testid=predict-x]");
const result = document.querySelector("[data-testid=predict-result]");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const response = await fetch(`/predict?x=${encodeURIComponent(x.value)}`);
    if (!response.ok) throw new Error(`/predict: HTTP ${response.status}`);
    result.textContent = String((await response.json()).result);
  } catch (error) {
    result.textContent = "";
    showError(error.message);
  }
});
