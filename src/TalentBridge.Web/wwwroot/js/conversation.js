// 一键沟通: with script, the conversation section (section.conversation) follows its server-sent event stream, so the
// other side's messages appear without reloading, and its form sends with fetch instead of reloading the page.
// Without script the page works as plain links and a form. Text is only ever set with textContent.
(() => {
  const section = document.querySelector("section.conversation[data-stream]");
  if (!section) {
    return;
  }
  const list = section.querySelector("ol.messages");
  const seen = new Set(Array.from(list.querySelectorAll("li[data-id]"), li => li.dataset.id));
  let after = Number(section.dataset.after || "0");

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  function append(m) {
    const id = String(m.id);
    if (seen.has(id)) {
      return;
    }
    seen.add(id);
    after = Math.max(after, m.id);
    const li = element("li", "message from-" + m.side + (m.ours ? " ours" : ""));
    li.dataset.id = id;
    const meta = element("p", "meta");
    meta.append(element("span", "who", m.who), " ");
    const time = element("time", null, m.sentAtText);
    time.dateTime = m.sentAt;
    meta.append(time);
    li.append(meta);
    if (m.body) {
      li.append(element("p", "body", m.body));
    }
    if (m.attachment) {
      const p = element("p", "attachment");
      const a = element("a", null, m.attachment.name);
      a.href = m.attachment.url;
      a.setAttribute("download", "");
      p.append(a, " ", element("span", "size", "(" + m.attachment.size + ")"));
      li.append(p);
    }
    list.append(li);
    const empty = section.querySelector("[data-empty]");
    if (empty) {
      empty.remove();
    }
  }

  // The browser reconnects by itself (with Last-Event-ID) when the stream ends or the network drops.
  const stream = new EventSource(section.dataset.stream + "?after=" + after);
  stream.onmessage = e => append(JSON.parse(e.data));
  window.addEventListener("pagehide", () => stream.close());

  const form = section.querySelector("form.message-form");
  if (!form) {
    return;
  }
  const status = form.querySelector(".status");

  function showErrors(errors) {
    for (const old of form.querySelectorAll("p.error")) {
      old.remove();
    }
    for (const field of form.querySelectorAll("[aria-invalid]")) {
      field.removeAttribute("aria-invalid");
    }
    let first = null;
    for (const [name, messages] of Object.entries(errors)) {
      const input = form.querySelector("#" + name);
      const error = element("p", "error", messages.join("；"));
      error.id = name + "-error";
      if (input) {
        input.setAttribute("aria-invalid", "true");
        const described = (input.getAttribute("aria-describedby") || "").split(" ").filter(x => x && x !== error.id);
        described.push(error.id);
        input.setAttribute("aria-describedby", described.join(" "));
        input.closest(".field").append(error);
        first = first || input;
      } else {
        form.prepend(error);
      }
    }
    if (first) {
      first.focus();
    }
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const file = form.querySelector("#attachment");
    if (file && file.files.length > 0 && file.files[0].size > Number(section.dataset.maxBytes)) {
      showErrors({ attachment: [section.dataset.tooBig] });
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    status.textContent = "";
    try {
      const response = await fetch(form.action, {
        method: "POST", body: new FormData(form), headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      const json = response.headers.get("Content-Type")?.includes("json") ? await response.json() : null;
      if (response.ok && json) {
        append(json);
        form.reset();
        showErrors({});
        status.textContent = section.dataset.sent;
        form.querySelector("#body").focus();
      } else if (json && json.errors) {
        showErrors(json.errors);
      } else {
        status.textContent = section.dataset.failed;
      }
    } catch {
      status.textContent = section.dataset.failed;
    } finally {
      button.disabled = false;
    }
  });
})();
