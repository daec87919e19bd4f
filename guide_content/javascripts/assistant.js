/* The "Ask the guide" and "Plan a session" widgets.
 *
 * They talk to the API of `mentor-assistant serve`. On a static copy of the site
 * (assistant-config.json says {"api": null}) they say so in one sentence and
 * point to the search box. Everything that comes from a question, an answer or
 * the guide is inserted as text, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var siteRoot = new URL("..", script ? script.src : window.location.href);
  var askRoot = document.getElementById("ma-ask");
  var planRoot = document.getElementById("ma-plan");
  if (!askRoot && !planRoot) return;

  fetch(new URL("assistant-config.json", siteRoot), { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : { api: null }; })
    .catch(function () { return { api: null }; })
    .then(function (config) {
      var roots = [askRoot, planRoot].filter(Boolean);
      if (!config || !config.api) {
        roots.forEach(showStatic);
        return;
      }
      var api = new URL(config.api, siteRoot);
      if (askRoot) setUpAsk(askRoot, api, config);
      if (planRoot) setUpPlan(planRoot, api, config);
    });

  /* ---------- small DOM helpers: text only ---------- */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else if (name === "className") node.className = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function siteLink(url, text) {
    var target = new URL(url, siteRoot);
    var safe = target.origin === siteRoot.origin && /^https?:$/.test(target.protocol);
    return el("a", { href: safe ? target.href : "#", text: text });
  }

  function field(labelText, control, hint) {
    var id = control.id;
    return el("div", { className: "ma-field" }, [
      el("label", { "for": id, text: labelText }),
      control,
      hint ? el("small", { id: id + "-hint", text: hint }) : null,
    ]);
  }

  function select(id, options) {
    return el("select", { id: id, name: id }, options.map(function (pair) {
      return el("option", { value: pair[0], text: pair[1] });
    }));
  }

  function showStatic(root) {
    var searchLink = el("a", { href: "#", text: "the search box at the top of the page" });
    searchLink.addEventListener("click", function (event) {
      event.preventDefault();
      var toggle = document.getElementById("__search");
      if (toggle) toggle.checked = true;
      var input = document.querySelector(".md-search__input");
      if (input) input.focus();
    });
    root.replaceChildren(el("p", { className: "ma-static" }, [
      "This copy of the guide is published without its assistant, so it cannot answer here; " +
        "please use ", searchLink, " to find what you need.",
    ]));
  }

  function tokenField(config) {
    if (!config.token_required) return null;
    var input = el("input", { id: "ma-token", type: "password", autocomplete: "off" });
    input.value = sessionStorage.getItem("ma-token") || "";
    input.addEventListener("change", function () { sessionStorage.setItem("ma-token", input.value); });
    return field("Access token (from your programme)", input);
  }

  function headers(extra) {
    var result = Object.assign({ "Content-Type": "application/json" }, extra || {});
    var token = sessionStorage.getItem("ma-token") || (document.getElementById("ma-token") || {}).value;
    if (token) result.Authorization = "Bearer " + token;
    return result;
  }

  function errorText(response) {
    return response.json().then(function (body) { return body.error || response.statusText; },
      function () { return response.statusText || "the server did not answer"; });
  }

  /* ---------- Ask the guide ---------- */

  function setUpAsk(root, api, config) {
    var history = [];
    var question = el("textarea", { id: "ma-question", rows: "3", maxlength: "2000", required: "",
      "aria-describedby": "ma-question-hint" });
    var audience = select("ma-audience", [["", "Anyone"], ["mentor", "A mentor"],
      ["mentee", "A mentee"], ["program_owner", "A programme owner"]]);
    var askButton = el("button", { type: "submit", className: "md-button md-button--primary", text: "Ask" });
    var resetButton = el("button", { type: "button", className: "md-button", text: "New conversation" });
    var form = el("form", { className: "ma-form", "aria-label": "Ask the guide" }, [
      tokenField(config),
      field("Your question", question, "In your own words. Follow-up questions keep the conversation."),
      field("I am asking as", audience),
      el("div", { className: "ma-actions" }, [askButton, resetButton]),
    ]);
    var log = el("div", { className: "ma-log", "aria-live": "polite" });
    root.replaceChildren(form, log);

    resetButton.addEventListener("click", function () {
      history = [];
      log.replaceChildren();
      question.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = question.value.trim();
      if (!text) return;
      askButton.disabled = true;
      var turn = el("section", { className: "ma-turn" }, [
        el("p", { className: "ma-question" }, [el("strong", { text: "You asked: " }), text]),
      ]);
      var status = el("p", { className: "ma-status", text: "Looking in the guide…" });
      var answerBox = el("div", { className: "ma-answer" });
      turn.appendChild(status);
      turn.appendChild(answerBox);
      log.appendChild(turn);
      var body = { question: text, history: history.slice(-6) };
      if (audience.value) body.audience = audience.value;
      streamAnswer(api, body, answerBox, status).then(function (answer) {
        if (answer) {
          history.push({ question: text, answer: answer.answer });
          question.value = "";
        }
      }).finally(function () {
        askButton.disabled = false;
        question.focus();
      });
    });
  }

  function streamAnswer(api, body, box, status) {
    return fetch(new URL("ask", api), {
      method: "POST", headers: headers({ Accept: "text/event-stream" }), body: JSON.stringify(body),
    }).then(function (response) {
      if (!response.ok) {
        return errorText(response).then(function (message) {
          status.textContent = "The assistant could not answer: " + message;
          return null;
        });
      }
      status.textContent = "Answering…";
      return readEvents(response, box, status);
    }).catch(function () {
      status.textContent = "The assistant could not be reached. Is the server still running?";
      return null;
    });
  }

  function readEvents(response, box, status) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    var streamed = el("p", { className: "ma-streamed" });
    var result = null;
    box.appendChild(streamed);
    function handle(kind, data) {
      if (kind === "meta" && data.flags.indexOf("safety") >= 0) {
        box.insertBefore(safetyNotice(), streamed);
      } else if (kind === "token") {
        streamed.textContent += data.text;
      } else if (kind === "done") {
        result = data;
        renderAnswer(box, data);
        status.textContent = modeLine(data.mode);
      } else if (kind === "error") {
        status.textContent = "The assistant could not answer: " + data.error;
      }
    }
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) return result;
        buffer += decoder.decode(chunk.value, { stream: true });
        var events = buffer.split("\n\n");
        buffer = events.pop();
        events.forEach(function (raw) {
          var kind = "message", data = "";
          raw.split("\n").forEach(function (line) {
            if (line.indexOf("event: ") === 0) kind = line.slice(7);
            if (line.indexOf("data: ") === 0) data += line.slice(6);
          });
          if (data) handle(kind, JSON.parse(data));
        });
        return pump();
      });
    }
    return pump();
  }

  function modeLine(mode) {
    return mode === "llm"
      ? "Answered by a language model from the guide's sections."
      : "Answered offline: composed from the guide's own words, without a language model.";
  }

  function safetyNotice() {
    return el("div", { className: "admonition warning ma-safety", role: "alert" }, [
      el("p", { className: "admonition-title", text: "Safety first" }),
      el("p", { text: "If anyone is in immediate danger, call the emergency services now " +
        "(112 in the EU, 999 in the UK, 911 in the US and Canada), then tell your programme's " +
        "safeguarding lead. The contacts are below." }),
    ]);
  }

  function renderAnswer(box, data) {
    var sources = {};
    data.sources.forEach(function (source) { sources[source.n] = source; });
    var parts = [];
    if (data.flags.indexOf("safety") >= 0) parts.push(safetyNotice());
    data.answer.split("\n\n").forEach(function (paragraph) {
      if (paragraph.indexOf("Composed from the guide without a language model") === 0) return;
      parts.push(renderParagraph(paragraph, sources));
    });
    if (data.flags.indexOf("out_of_scope") >= 0) {
      parts.push(el("p", { className: "ma-note", text: "Tip: try the search box, or ask your programme owner." }));
    }
    parts.push(el("h3", { text: "Sources" }));
    parts.push(el("ol", { className: "ma-sources" }, data.sources.map(function (source) {
      return el("li", { value: String(source.n) }, [siteLink(source.url, source.title + " › " + source.heading)]);
    })));
    box.replaceChildren.apply(box, parts);
  }

  function renderParagraph(paragraph, sources) {
    var lines = paragraph.split("\n");
    var container = el("div", { className: "ma-paragraph" });
    var list = null;
    lines.forEach(function (line) {
      var heading = line.match(/^\*\*(.+?)\*\*\s*\[(\d+)\]$/);
      if (heading) {
        container.appendChild(el("p", { className: "ma-source-title" }, [
          el("strong", { text: heading[1] }), " ", citation(heading[2], sources)]));
        list = null;
      } else if (line.indexOf("- ") === 0) {
        if (!list) { list = el("ul"); container.appendChild(list); }
        list.appendChild(el("li", {}, withCitations(line.slice(2), sources)));
      } else {
        container.appendChild(el("p", {}, withCitations(line, sources)));
        list = null;
      }
    });
    return container;
  }

  function withCitations(text, sources) {
    return text.replace(/\*\*/g, "").split(/(\[\d+\])/).map(function (piece) {
      var match = piece.match(/^\[(\d+)\]$/);
      return match ? citation(match[1], sources) : piece;
    });
  }

  function citation(number, sources) {
    var source = sources[number];
    if (!source) return "[" + number + "]";
    var link = siteLink(source.url, "[" + number + "]");
    link.className = "ma-cite";
    link.setAttribute("title", source.title + " › " + source.heading);
    return link;
  }

  /* ---------- Plan a session ---------- */

  function setUpPlan(root, api, config) {
    var type = select("ma-type", [["", "Work it out from the session number"],
      ["first", "First meeting"], ["goals", "Goal setting"], ["checkin", "Regular check-in"],
      ["midpoint", "Mid-point review"], ["closing", "Closing session"]]);
    var number = el("input", { id: "ma-session", type: "number", min: "1", max: "99", value: "1" });
    var total = el("input", { id: "ma-of", type: "number", min: "1", max: "99", value: "8" });
    var minutes = el("input", { id: "ma-minutes", type: "number", min: "15", max: "240", step: "5",
      placeholder: "the template's own" });
    var role = select("ma-role", [["mentor", "The mentor"], ["mentee", "The mentee"]]);
    var context = select("ma-context", [["", "Not specified"], ["workplace", "The workplace"],
      ["entrepreneurship", "Entrepreneurship"], ["education", "Education"]]);
    var focus = el("textarea", { id: "ma-focus", rows: "2", maxlength: "500" });
    var goals = el("textarea", { id: "ma-goals", rows: "2" });
    var actions = el("textarea", { id: "ma-actions", rows: "2" });
    var start = el("input", { id: "ma-start", type: "datetime-local" });
    var planButton = el("button", { type: "submit", className: "md-button md-button--primary", text: "Plan the session" });
    var form = el("form", { className: "ma-form", "aria-label": "Plan a session" }, [
      tokenField(config),
      field("Which session", type),
      el("div", { className: "ma-row" }, [field("Session number", number), field("Of how many", total)]),
      field("Length in minutes", minutes, "15 to 240. Leave empty for the template's length."),
      field("Who is preparing", role),
      field("Your setting", context),
      field("What you want to work on, or what worries you", focus),
      field("Your goals, one per line", goals),
      field("Open actions from last time, one per line", actions),
      el("div", { className: "ma-actions" }, [planButton]),
    ]);
    var status = el("p", { className: "ma-status", "aria-live": "polite" });
    var output = el("div", { className: "ma-agenda" });
    root.replaceChildren(form, status, output);

    function request() {
      var body = { role: role.value };
      if (type.value) body.type = type.value;
      else { body.session = parseInt(number.value, 10); body.of = parseInt(total.value, 10); }
      if (minutes.value) body.minutes = parseInt(minutes.value, 10);
      if (context.value) body.context = context.value;
      if (focus.value.trim()) body.focus = focus.value.trim();
      body.goals = lines(goals.value);
      body.actions = lines(actions.value);
      return body;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      planButton.disabled = true;
      status.textContent = "Preparing the agenda…";
      var body = request();
      fetch(new URL("agenda", api), { method: "POST", headers: headers(), body: JSON.stringify(body) })
        .then(function (response) {
          if (!response.ok) {
            return errorText(response).then(function (message) {
              status.textContent = "No agenda: " + message;
            });
          }
          return response.json().then(function (agenda) {
            status.textContent = "Agenda ready.";
            output.replaceChildren(renderAgenda(agenda), downloads(api, body, start));
            output.querySelector("h2").focus();
          });
        })
        .catch(function () { status.textContent = "The assistant could not be reached."; })
        .finally(function () { planButton.disabled = false; });
    });
  }

  function lines(text) {
    return text.split("\n").map(function (line) { return line.trim(); }).filter(Boolean);
  }

  function clock(minutes) {
    var m = minutes % 60;
    return Math.floor(minutes / 60) + ":" + (m < 10 ? "0" : "") + m;
  }

  function renderAgenda(agenda) {
    var start = 0;
    var rows = agenda.items.map(function (item) {
      var row = el("tr", {}, [el("td", { text: clock(start) + "–" + clock(start + item.minutes) }),
        el("td", { text: item.title }), el("td", { text: String(item.minutes) })]);
      start += item.minutes;
      return row;
    });
    var parts = [
      el("h2", { text: agenda.title, tabindex: "-1" }),
      el("p", { className: "ma-note", text: agenda.mode === "llm"
        ? "Personalised by a language model from the guide's templates and sections."
        : "Built from the guide's session template and the sections on your focus, without a language model." }),
      el("table", {}, [el("thead", {}, [el("tr", {}, [el("th", { text: "Time" }),
        el("th", { text: "Item" }), el("th", { text: "Minutes" })])]), el("tbody", {}, rows)]),
    ];
    agenda.items.forEach(function (item, index) {
      parts.push(el("h3", { text: (index + 1) + ". " + item.title + " (" + item.minutes + " min)" }));
      parts.push(el("p", { text: item.purpose }));
      parts.push(el("ul", {}, item.prompts.map(function (prompt) { return el("li", { text: prompt }); })));
      if (item.sources.length) {
        var from = el("p", { className: "ma-note" }, ["From the guide: "]);
        item.sources.forEach(function (source, i) {
          if (i) from.appendChild(document.createTextNode("; "));
          from.appendChild(siteLink(source.url, source.title));
        });
        parts.push(from);
      }
    });
    parts.push(el("h3", { text: "Before the session (" + agenda.role + ")" }));
    parts.push(el("ul", { className: "ma-checklist" }, agenda.preparation.map(function (step) {
      return el("li", { text: step });
    })));
    parts.push(el("h3", { text: "Read before" }));
    parts.push(el("ul", {}, agenda.sources.map(function (source) {
      return el("li", {}, [siteLink(source.url, source.title + " › " + source.heading)]);
    })));
    return el("article", { className: "ma-agenda-sheet" }, parts);
  }

  function downloads(api, body, start) {
    var printButton = el("button", { type: "button", className: "md-button", text: "Print" });
    printButton.addEventListener("click", function () { window.print(); });
    var icsButton = el("button", { type: "button", className: "md-button", text: "Download .ics" });
    var note = el("span", { className: "ma-status", "aria-live": "polite" });
    icsButton.addEventListener("click", function () {
      if (!start.value) {
        note.textContent = "Choose the date and time first.";
        start.focus();
        return;
      }
      var payload = Object.assign({}, body, { start: start.value.replace("T", " "),
        tz: Intl.DateTimeFormat().resolvedOptions().timeZone || "" });
      fetch(new URL("agenda.ics", api), { method: "POST", headers: headers(), body: JSON.stringify(payload) })
        .then(function (response) {
          if (!response.ok) return errorText(response).then(function (m) { note.textContent = m; });
          return response.blob().then(function (blob) {
            var link = el("a", { href: URL.createObjectURL(blob), download: "session.ics" });
            document.body.appendChild(link);
            link.click();
            link.remove();
            note.textContent = "Calendar file downloaded.";
          });
        });
    });
    return el("div", { className: "ma-actions ma-no-print" }, [printButton,
      field("Date and time, for the calendar", start), icsButton, note]);
  }
})();
