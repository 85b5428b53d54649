// The session client: one WebSocket per tab to /_events, speaking the session protocol (see the README).
//
//   const session = connectSession();
//   session.subscribe(state => render(state.MyTaskState));
//   session.send("MyTaskState.ToggleRunning");
//
// The token lives in sessionStorage, so a reload resumes the same session (one session per tab, as Reflex does).
// After a dropped connection it reconnects with exponential backoff and jitter, and resumes with its token.
// A session the server refuses for now (close 1013, e.g. too many sessions) is reported through onError and the
// "refused" state, and retried after a longer backoff (5 s, doubling, capped at 1 minute).

const TOKEN_KEY = "lifespan.session-token";
const PING_EVERY_MS = 15_000;
const SILENCE_LIMIT_MS = 40_000;
const BACKOFF_FIRST_MS = 250;
const BACKOFF_CAP_MS = 5_000;
const REFUSED_BACKOFF_FIRST_MS = 5_000;
const REFUSED_BACKOFF_CAP_MS = 60_000;
const CLOSE_TRY_AGAIN_LATER = 1013;
const MAX_QUEUED_EVENTS = 100;

/** Connection states, as the header badge shows them. */
export const ConnectionState = Object.freeze({
  connecting: "connecting",     // the first connection is being opened
  connected: "connected",       // hello answered: state is live
  reconnecting: "reconnecting", // the connection dropped; retrying with backoff
  refused: "refused",           // the server refused the session for now (onError says why); retrying after a longer wait
  offline: "offline",           // the browser says it has no network; waits for it to come back
});

let shared = null;

/** The tab's session client, created and connected on first use. */
export function connectSession(url = defaultUrl()) {
  shared ??= new SessionClient(url);
  return shared;
}

function defaultUrl() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/_events`;
}

class SessionClient {
  #url;
  #socket = null;
  #attempt = 0;
  #nextId = 1;
  #queue = [];
  #lastHeard = 0;
  #refusal = null; // the error frame the server sent the current socket before its hello, if any
  #timers = { ping: 0, retry: 0 };
  #listeners = { state: new Set(), connection: new Set(), error: new Set() };

  /** The session's public state: {StateName: {var: value}}. */
  state = {};
  /** One of ConnectionState. */
  connection = ConnectionState.connecting;

  constructor(url) {
    this.#url = url;
    addEventListener("offline", () => this.#goOffline());
    addEventListener("online", () => this.#reconnectNow());
    if (navigator.onLine === false) {
      this.#setConnection(ConnectionState.offline);
    } else {
      this.#open();
    }
  }

  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  /** Calls fn(state, changed) now (if the state is known) and after every hello and delta. Returns an unsubscribe. */
  subscribe(fn) {
    return this.#listen("state", fn, this.connection === ConnectionState.connected ? [this.state, this.state] : null);
  }

  /** Calls fn(connectionState) now and on every change. */
  onConnection(fn) {
    return this.#listen("connection", fn, [this.connection]);
  }

  /** Calls fn({id, handler, message}) for every error frame and connection problem. */
  onError(fn) {
    return this.#listen("error", fn, null);
  }

  /** Sends an event, e.g. send("MyTaskState.SetMaxCounter", {value: 5}); queued while disconnected. Returns its id. */
  send(handler, payload = {}) {
    const frame = { type: "event", id: this.#nextId++, handler, payload };
    if (this.connection === ConnectionState.connected) {
      this.#write(frame);
    } else if (this.#queue.length < MAX_QUEUED_EVENTS) {
      this.#queue.push(frame);
    } else {
      this.#emit("error", { id: frame.id, handler, message: "Too many events while disconnected; this one was dropped." });
    }
    return frame.id;
  }

  #listen(kind, fn, initialArgs) {
    this.#listeners[kind].add(fn);
    if (initialArgs) fn(...initialArgs);
    return () => this.#listeners[kind].delete(fn);
  }

  #emit(kind, ...args) {
    for (const fn of this.#listeners[kind]) {
      try {
        fn(...args);
      } catch (error) {
        console.error(error);
      }
    }
  }

  #setConnection(next) {
    if (this.connection === next) return;
    this.connection = next;
    this.#emit("connection", next);
  }

  #open() {
    clearTimeout(this.#timers.retry);
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    this.#refusal = null;
    socket.onopen = () => {
      if (socket !== this.#socket) return;
      const token = this.token;
      this.#write(token ? { type: "hello", token } : { type: "hello" });
      this.#lastHeard = Date.now();
      this.#startPinging();
    };
    socket.onmessage = (message) => {
      if (socket !== this.#socket) return;
      this.#lastHeard = Date.now();
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        console.warn("A frame that is not JSON", message.data);
        return;
      }
      this.#receive(frame);
    };
    socket.onclose = (event) => {
      if (socket !== this.#socket) return;
      this.#socket = null;
      this.#stopPinging();
      if (this.connection === ConnectionState.offline) return;
      if (event.code === CLOSE_TRY_AGAIN_LATER) {
        // Refused (the error frame said why, and was reported): not a dropped connection, so wait longer.
        if (this.#refusal === null) {
          this.#emit("error", { message: event.reason || "The server refused the session for now." });
        }
        this.#scheduleRetry(true);
        return;
      }
      this.#scheduleRetry();
    };
  }

  #receive(frame) {
    switch (frame.type) {
      case "hello":
        sessionStorage.setItem(TOKEN_KEY, frame.token);
        this.state = frame.state ?? {};
        this.#attempt = 0;
        this.#setConnection(ConnectionState.connected);
        this.#emit("state", this.state, this.state);
        for (const queued of this.#queue.splice(0)) this.#write(queued);
        break;
      case "delta":
        for (const [name, vars] of Object.entries(frame.state ?? {})) {
          this.state[name] = { ...this.state[name], ...vars };
        }
        this.#emit("state", this.state, frame.state);
        break;
      case "error":
        if (this.connection !== ConnectionState.connected) this.#refusal = frame.message;
        this.#emit("error", { id: frame.id, handler: frame.handler, message: frame.message });
        break;
      case "pong":
        break;
      default:
        console.warn("Unknown frame from the server", frame);
    }
  }

  #write(frame) {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(frame));
  }

  #scheduleRetry(refused = false) {
    this.#setConnection(refused ? ConnectionState.refused : ConnectionState.reconnecting);
    // Exponential backoff with full jitter in its upper half: 250 ms, 500 ms, 1 s, ... capped at 5 s
    // (after a refusal: 5 s, 10 s, 20 s, ... capped at 1 minute).
    const first = refused ? REFUSED_BACKOFF_FIRST_MS : BACKOFF_FIRST_MS;
    const cap = refused ? REFUSED_BACKOFF_CAP_MS : BACKOFF_CAP_MS;
    const ceiling = Math.min(cap, first * 2 ** this.#attempt++);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.#timers.retry = setTimeout(() => this.#open(), delay);
  }

  #reconnectNow() {
    if (this.#socket) return;
    this.#attempt = 0;
    this.#setConnection(ConnectionState.reconnecting);
    this.#open();
  }

  #goOffline() {
    clearTimeout(this.#timers.retry);
    this.#setConnection(ConnectionState.offline);
    this.#drop();
  }

  /** Forgets the current socket (its late events are ignored) and closes it. */
  #drop() {
    const socket = this.#socket;
    this.#socket = null;
    this.#stopPinging();
    socket?.close();
  }

  #startPinging() {
    this.#stopPinging();
    this.#timers.ping = setInterval(() => {
      if (Date.now() - this.#lastHeard > SILENCE_LIMIT_MS) {
        // No pong for too long: the connection is dead even if the socket has not noticed.
        this.#drop();
        this.#scheduleRetry();
        return;
      }
      this.#write({ type: "ping" });
    }, PING_EVERY_MS);
  }

  #stopPinging() {
    clearInterval(this.#timers.ping);
  }
}
