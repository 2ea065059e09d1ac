"use strict";
// Small, hand-written behaviour for the pages that need it: printing the
// brief, the interview timer, notes saved while typing, rotating reminders.
// Every form also works without this file.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print]").forEach((button) =>
    button.addEventListener("click", () => window.print()));
  setUpTimer(document.querySelector("[data-timer]"));
  document.querySelectorAll("[data-save-url]").forEach(setUpAutosave);
  setUpReminders(document.querySelector("[data-rotate]"));
  document.querySelectorAll("[data-copy]").forEach((button) =>
    button.addEventListener("click", async () => {
      const source = document.querySelector("[data-copy-source]");
      const text = "value" in source ? source.value : source.textContent;
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = "Copied";
      } catch (e) {
        button.textContent = "Select the text and copy it";
      }
    }));
});

function setUpTimer(box) {
  if (!box) return;
  const total = Number(box.dataset.seconds) * 1000;
  const key = "rapport-timer-" + box.dataset.interview;
  const shown = box.querySelector("[data-remaining]");
  const message = box.querySelector("[data-timer-message]");
  const start = box.querySelector("[data-timer-start]");
  const wrapup = document.querySelector("[data-wrapup]");
  const fmt = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  };
  function tick() {
    const began = Number(localStorage.getItem(key));
    const left = began ? total - (Date.now() - began) : total;
    shown.textContent = fmt(left);
    start.hidden = Boolean(began);
    box.classList.toggle("amber", Boolean(began) && left <= 5 * 60 * 1000 && left > 0);
    box.classList.toggle("over", Boolean(began) && left <= 0);
    if (wrapup) wrapup.classList.toggle("shown", Boolean(began) && left <= 5 * 60 * 1000);
    if (began && left <= 0) {
      message.textContent = "Time is up. Wrap up now: ask for referrals, a business card and permission to stay in touch.";
    } else if (began && left <= 5 * 60 * 1000) {
      message.textContent = "Five minutes left. Start wrapping up.";
    } else {
      message.textContent = began ? "" : "Start the timer when the conversation begins.";
    }
  }
  start.addEventListener("click", () => { localStorage.setItem(key, String(Date.now())); tick(); });
  box.querySelector("[data-timer-reset]").addEventListener("click", () => { localStorage.removeItem(key); tick(); });
  tick();
  setInterval(tick, 1000);
}

// Each note is sent half a second after typing stops, kept in localStorage
// until the server has it, and retried every two seconds while offline.
function setUpAutosave(item) {
  const url = item.dataset.saveUrl;
  const field = item.dataset.field || "note";
  const text = item.querySelector("[data-note]");
  const asked = item.querySelector("[data-asked]");
  const state = item.querySelector("[data-save-state]");
  const key = "rapport-unsaved-" + url;
  let timer = null;
  let sending = false;
  const body = () => {
    const form = new URLSearchParams();
    form.set(field, text.value);
    if (asked && asked.checked) form.set("asked", "on");
    return form;
  };
  async function send() {
    if (sending) { schedule(400); return; }
    sending = true;
    const sent = text.value;
    try {
      const response = await fetch(url, { method: "POST", body: body(), credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      if (text.value === sent) localStorage.removeItem(key);
      state.textContent = "Saved";
    } catch (e) {
      state.textContent = "Not saved yet: will retry";
      schedule(2000);
    } finally {
      sending = false;
    }
  }
  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(send, ms);
  }
  function changed() {
    localStorage.setItem(key, JSON.stringify({ text: text.value, asked: Boolean(asked && asked.checked) }));
    state.textContent = "Saving…";
    schedule(500);
  }
  const pending = localStorage.getItem(key);
  if (pending) {
    try {
      const saved = JSON.parse(pending);
      text.value = saved.text;
      if (asked) asked.checked = saved.asked;
      changed();
    } catch (e) {
      localStorage.removeItem(key);
    }
  }
  text.addEventListener("input", changed);
  if (asked) asked.addEventListener("change", changed);
  text.addEventListener("blur", () => { if (localStorage.getItem(key)) schedule(0); });
}

function setUpReminders(line) {
  if (!line) return;
  const items = Array.from(line.children);
  let at = 0;
  setInterval(() => {
    items[at].hidden = true;
    at = (at + 1) % items.length;
    items[at].hidden = false;
  }, 20000);
}
