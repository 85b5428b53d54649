// Polls a JSON endpoint: calls onData with each answer, waits `every` ms after each request, pauses in hidden tabs.

/** Starts polling `url`; returns a function that stops it. */
export function poll(url, every, onData, onError = console.warn) {
  let stopped = false;
  let timer = 0;
  async function tick() {
    if (stopped) return;
    if (!document.hidden) {
      try {
        const response = await fetch(url, { cache: "no-store" });
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        onData(await response.json());
      } catch (error) {
        onError(error);
      }
    }
    if (!stopped) timer = setTimeout(tick, every);
  }
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
