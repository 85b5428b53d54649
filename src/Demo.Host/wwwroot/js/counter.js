// The background counter page (Reflex's MyTaskState example).
import { initPage } from "./ui.js";

const session = initPage();
const counter = document.querySelector("[data-testid=counter]");
const max = document.querySelector("[data-testid=max-counter]");
const toggle = document.querySelector("[data-testid=toggle]");
const increment = document.querySelector("[data-testid=increment]");
const reset = document.querySelector("[data-testid=reset]");
const status = document.querySelector("#counter-status");

let lastSentMax = null;

session.subscribe((state) => {
  const s = state.MyTaskState;
  if (!s) return;
  counter.textContent = String(s.counter);
  // Leave the input alone while it is being edited, so that a delta does not move the caret.
  if (document.activeElement !== max) max.value = String(s.maxCounter);
  toggle.textContent = s.running ? "Stop" : "Start";
  toggle.classList.toggle("danger", s.running);
  toggle.classList.toggle("primary", !s.running);
  status.textContent = s.running
    ? `Running: counting up to ${s.maxCounter}.`
    : s.counter >= s.maxCounter ? "Done: the counter reached the maximum." : "Stopped.";
});

// As Reflex's on_change: every edit that is a whole number sets the maximum.
function sendMax() {
  const value = max.valueAsNumber;
  if (!Number.isInteger(value) || value === lastSentMax) return;
  lastSentMax = value;
  session.send("MyTaskState.SetMaxCounter", { value });
}
max.addEventListener("input", sendMax);
max.addEventListener("change", sendMax);
max.addEventListener("blur", () => (lastSentMax = null));

toggle.addEventListener("click", () => session.send("MyTaskState.ToggleRunning"));
increment.addEventListener("click", () => session.send("MyTaskState.Increment"));
reset.addEventListener("click", () => session.send("MyTaskState.ClearCounter"));
