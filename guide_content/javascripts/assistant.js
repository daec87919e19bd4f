/* The "Ask the guide" and "Plan a session" widgets.
 *
 * They talk to the API of `mentor-assistant serve`. On a static copy of the site
 * (assistant-config.json says {"api": null}) the Ask page answers in the browser
 * when the site carries the assistant's bundle ("bundle" in that file): it loads
 * static-core.js (and the bundle) only then; the Plan page likewise loads
 * static-plan.js and builds the offline agenda in the browser. Without a bundle
 * they say so, offer a search of the guide, and the Plan page points to the
 * session templates. Everything that comes
 * from a question, an answer or the guide is inserted as text, never as HTML.
 *
 * Keyboard first: the skip link leads to the question box, Enter sends and
 * Shift+Enter starts a new line. The conversation is kept in sessionStorage, so it
 * survives Back and reload until "New conversation".
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var siteRoot = new URL("..", script ? script.src : window.location.href);
  var askRoot = document.getElementById("ma-ask");
  var planRoot = document.getElementById("ma-plan");
  var STORE = "ma-conversation";
  if (!askRoot && !planRoot) return;

  fetch(new URL("assistant-config.json", siteRoot), { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : { api: null }; })
    .catch(function () { return { api: null }; })
    .then(function (config) {
      if (!config || !config.api) {
        if (askRoot) {
          if (config && config.bundle) setUpStaticAsk(askRoot, config);
          else showStatic(askRoot);
        }
        if (planRoot) {
          if (config && config.bundle) setUpStaticPlan(planRoot, config);
          else showStatic(planRoot);
        }
        return;
      }
      var api = new URL(config.api, siteRoot);
      if (askRoot) setUpAsk(askRoot, serverAnswers(api), config);
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
    if (hint) control.setAttribute("aria-describedby", id + "-hint");
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

  function button(text, primary) {
    return el("button", { type: primary ? "submit" : "button",
      className: primary ? "md-button md-button--primary" : "md-button", text: text });
  }

  /* Lead "Skip to content" to the widget's first field instead of past it. */
  function skipTo(target, text) {
    var skip = document.querySelector(".md-skip");
    if (!skip || !target.id) return;
    skip.setAttribute("href", "#" + target.id);
    skip.textContent = text;
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      target.focus();
    });
  }

  function announcer() {
    return el("div", { className: "ma-sr-only", role: "status", "aria-live": "polite" });
  }

  function changed() {
    document.dispatchEvent(new CustomEvent("ma:content"));
  }

  function smoothly() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  }

  /* ---------- a static copy: no assistant, so search and the templates ---------- */

  function openSearch(query) {
    var toggle = document.getElementById("__search");
    var input = document.querySelector(".md-search__input");
    if (!toggle || !input) {
      window.location.href = new URL("?q=" + encodeURIComponent(query), window.location.href).href;
      return;
    }
    if (!toggle.checked) toggle.click();
    input.value = query;
    input.focus();
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  function showStatic(root) {
    document.body.classList.add("ma-no-api");
    var what = root === planRoot ? "plan a session" : "answer questions";
    var query = el("input", { id: root.id + "-search", type: "search", name: "q",
      autocomplete: "off" });
    var searchLink = el("a", { href: "?q=", text: "the search box at the top of the page" });
    query.addEventListener("input", function () {
      searchLink.setAttribute("href", "?q=" + encodeURIComponent(query.value.trim()));
    });
    searchLink.addEventListener("click", function (event) {
      event.preventDefault();
      openSearch(query.value.trim());
    });
    var form = el("form", { className: "ma-search", role: "search", "aria-label": "Search the guide" }, [
      field("Search the guide for", query),
      el("div", { className: "ma-actions" }, [button("Search", true)]),
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      openSearch(query.value.trim());
    });
    var notice = el("div", { className: "ma-static", id: root.id + "-static", tabindex: "-1" }, [
      el("p", {}, ["This copy of the guide is published without its assistant, so it cannot " +
        what + " here. " + (root === planRoot ? "Use the session templates below, or search" :
        "Search") + " the guide instead, here or with ", searchLink, "."]),
      form,
    ]);
    root.replaceChildren(notice);
    skipTo(notice, "Skip to content");
    // Entries of the contents list whose sections describe the assistant's form.
    document.querySelectorAll(".ma-needs-api [id]").forEach(function (heading) {
      document.querySelectorAll('.md-nav__link[href="#' + heading.id + '"]').forEach(function (link) {
        link.parentElement.hidden = true;
      });
    });
  }

  /* ---------- access token and requests ---------- */

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

  var ROLES = [["", "Anyone"], ["mentor", "A mentor"], ["mentee", "A mentee"],
    ["program_owner", "A programme owner"]];

  function roleChoice(chosen) {
    var inputs = [];
    var group = el("fieldset", { className: "ma-roles" }, [el("legend", { text: "I am asking as" })]);
    ROLES.forEach(function (pair, index) {
      var input = el("input", { type: "radio", name: "ma-audience", id: "ma-audience-" + index,
        value: pair[0] });
      input.checked = pair[0] === (chosen || "");
      inputs.push(input);
      group.appendChild(el("label", { "for": input.id }, [input, pair[1]]));
    });
    return { node: group, value: function () {
      var picked = inputs.filter(function (input) { return input.checked; })[0];
      return picked ? picked.value : "";
    } };
  }

  function loadConversation() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORE) || "null");
      if (saved && Array.isArray(saved.turns)) {
        saved.turns = saved.turns.filter(function (turn) {
          var result = turn && turn.result;
          return result && typeof turn.question === "string" && typeof result.answer === "string" &&
            Array.isArray(result.sources) && Array.isArray(result.flags);
        });
        return saved;
      }
    } catch (error) { /* a damaged entry starts a new conversation */ }
    return { audience: "", turns: [] };
  }

  function saveConversation(conversation) {
    try { sessionStorage.setItem(STORE, JSON.stringify(conversation)); } catch (error) { /* full */ }
  }

  function serverAnswers(api) {
    return function (body, box, status) { return streamAnswer(api, body, box, status); };
  }

  /* ---------- Ask on a static copy: the assistant runs in the browser ---------- */

  var STATIC_SCRIPTS = ["javascripts/static-safety.js", "javascripts/static-core.js"];

  function injectScripts(names) {
    return names.reduce(function (previous, name) {
      return previous.then(function () {
        return new Promise(function (resolve, reject) {
          var tag = el("script", { src: new URL(name, siteRoot).href });
          tag.onload = resolve;
          tag.onerror = function () { reject(new Error(name + " is missing from this copy of the guide")); };
          document.head.appendChild(tag);
        });
      });
    }, Promise.resolve());
  }

  function megabytes(bytes) { return (bytes / 1048576).toFixed(0); }

  function setUpStaticAsk(root, config) {
    var progress = el("p", { className: "ma-status ma-bundle-status", role: "status" });
    progress.textContent = "Loading the assistant into your browser…";
    var loading = injectScripts(STATIC_SCRIPTS).then(function () {
      return window.MentorStatic.load(function (step) {
        if (step.stage === "lexical") {
          progress.textContent = "Ready to answer from the guide's words; the language model is still loading…";
        } else if (step.total) {
          progress.textContent = (window.MentorStatic.lexicalReady ? "Ready to answer from the guide's words; " : "") +
            "loading the language model: " + megabytes(step.loaded) + " of " + megabytes(step.total) + " MB…";
        }
      });
    });
    loading.then(function (loaded) { return loaded.model; }).then(function () {
      progress.textContent = "The assistant runs in your browser: your questions stay on this device.";
    }, function (error) {
      if (window.MentorStatic && window.MentorStatic.lexicalReady) {
        progress.textContent = "The language model could not load (" + error.message + "), so answers come " +
          "from the guide's words only. Reload the page to try again.";
      } else {
        showStatic(root);
        root.insertBefore(el("p", { className: "ma-status", text: "The in-browser assistant could not " +
          "load (" + error.message + "). Reload the page to try again, or search the guide." }), root.firstChild);
      }
    });
    setUpAsk(root, function (body, box, status) {
      return loading.then(function () {
        return window.MentorStatic.ask(body.question, { audience: body.audience || null, history: body.history });
      }).then(function (result) {
        renderAnswer(box, result);
        status.textContent = modeLine(result.mode);
        if (result.recheck) {
          result.recheck.then(function (full) {
            if (!full) return;
            renderAnswer(box, full);
            status.textContent = "The full safety check has loaded and found that someone may be at risk: " +
              "the answer now starts with who to contact.";
          });
        }
        return result;
      }, function (error) {
        status.textContent = "The assistant could not answer: " + error.message;
        return null;
      });
    }, config);
    root.insertBefore(progress, root.firstChild);
  }

  function setUpAsk(root, answers, config) {
    var conversation = loadConversation();
    var question = el("textarea", { id: "ma-question", rows: "3", maxlength: "2000", required: "" });
    var roles = roleChoice(conversation.audience);
    var askButton = button("Ask", true);
    var resetButton = button("New conversation");
    var form = el("form", { className: "ma-form", "aria-label": "Ask the guide" }, [
      tokenField(config),
      field("Your question", question, "In your own words. Enter sends, Shift+Enter starts a new " +
        "line. Follow-up questions keep the conversation."),
      roles.node,
      el("div", { className: "ma-actions" }, [askButton, resetButton]),
    ]);
    var log = el("div", { className: "ma-log" });
    var announce = announcer();
    root.replaceChildren(form, announce, log);
    skipTo(question, "Skip to the question box");

    conversation.turns.forEach(function (saved) {
      var turn = newTurn(saved.question);
      renderAnswer(turn.answer, saved.result);
      turn.status.textContent = modeLine(saved.result.mode);
      turn.node.appendChild(copyButton(saved.question, saved.result, announce));
      log.appendChild(turn.node);
    });
    if (conversation.turns.length) {
      changed();
      var scrollY = Number(sessionStorage.getItem(STORE + "-scroll") || 0);
      if (scrollY) window.scrollTo(0, scrollY);
    }
    window.addEventListener("pagehide", function () {
      sessionStorage.setItem(STORE + "-scroll", String(window.scrollY));
    });

    question.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (!askButton.disabled) form.requestSubmit(askButton);
      }
    });
    resetButton.addEventListener("click", function () {
      conversation = { audience: roles.value(), turns: [] };
      sessionStorage.removeItem(STORE);
      sessionStorage.removeItem(STORE + "-scroll");
      log.replaceChildren();
      announce.textContent = "New conversation started.";
      question.focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = question.value.trim();
      if (!text) return;
      askButton.disabled = true;
      var turn = newTurn(text);
      turn.status.textContent = "Looking in the guide…";
      announce.textContent = "Looking in the guide…";
      log.appendChild(turn.node);
      turn.node.scrollIntoView({ block: "start", behavior: smoothly() });
      var audience = roles.value();
      var history = conversation.turns.slice(-6).map(function (saved) {
        return { question: saved.question, answer: saved.result.answer };
      });
      var body = { question: text, history: history };
      if (audience) body.audience = audience;
      answers(body, turn.answer, turn.status).then(function (result) {
        if (result) {
          conversation.audience = audience;
          conversation.turns.push({ question: text, result: result });
          saveConversation(conversation);
          question.value = "";
          turn.node.appendChild(copyButton(text, result, announce));
          announce.textContent = "Answer: " + plainAnswer(result);
        } else {
          announce.textContent = turn.status.textContent;
        }
        changed();
        turn.node.scrollIntoView({ block: "start", behavior: smoothly() });
      }).finally(function () {
        askButton.disabled = false;
        question.focus({ preventScroll: true });
      });
    });
  }

  function newTurn(text) {
    var status = el("p", { className: "ma-status" });
    var answer = el("div", { className: "ma-answer" });
    var node = el("section", { className: "ma-turn" }, [
      el("h2", { className: "ma-question" }, [el("strong", { text: "You asked: " }), text]),
      status, answer,
    ]);
    return { node: node, status: status, answer: answer };
  }

  function plainAnswer(result) {
    return result.answer.split("\n\n").filter(function (paragraph) {
      return paragraph.indexOf("Composed from the guide without a language model") !== 0;
    }).join(" ").replace(/\*\*/g, "").replace(/\s*\[\d+\]/g, "").replace(/\s+/g, " ").trim();
  }

  function copyButton(questionText, result, announce) {
    var copy = button("Copy answer");
    copy.addEventListener("click", function () {
      var text = "Q: " + questionText + "\n\n" + plainAnswer(result) + "\n\nSources:\n" +
        result.sources.map(function (source) {
          return "[" + source.n + "] " + source.title + " › " + source.heading + " " +
            new URL(source.url, siteRoot).href;
        }).join("\n");
      copyText(text).then(function () {
        copy.textContent = "Copied";
        announce.textContent = "Answer copied.";
        setTimeout(function () { copy.textContent = "Copy answer"; }, 2000);
      }, function () { announce.textContent = "Could not copy: select the answer and copy it."; });
    });
    return el("div", { className: "ma-turn-actions" }, [copy]);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = el("textarea", { className: "ma-sr-only", "aria-hidden": "true" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      area.remove();
      if (done) resolve(); else reject(new Error("copy refused"));
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
    if (mode === "llm") return "Answered by a language model from the guide's sections.";
    if (mode === "browser") {
      return "Answered offline in your browser: composed from the guide's own words, without a language model.";
    }
    if (mode === "browser-lexical") {
      return "Answered offline in your browser from matching words only, while the language model loads: " +
        "ask again in a moment for an answer that follows your meaning. Until then the safety check matches " +
        "words only; if the full check finds a risk, this answer will change to start with who to contact.";
    }
    return "Answered offline: composed from the guide's own words, without a language model.";
  }

  function safetyNotice() {
    return el("div", { className: "admonition warning ma-safety", role: "alert" }, [
      el("p", { className: "admonition-title", text: "Safety first" }),
      el("p", { text: "If anyone is in immediate danger, call your local emergency number " +
        "now, then tell your programme's safeguarding lead. Who to contact is listed below." }),
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

  /* A static copy with the bundle ("bundle" in assistant-config.json): the offline
     agenda computed in the browser (static-plan.js). */
  function setUpStaticPlan(root, config) {
    var bundleUrl = new URL(config.bundle, siteRoot);
    var script = el("script", { src: new URL("javascripts/static-plan.js", siteRoot).href });
    var loaded = new Promise(function (resolve, reject) {
      script.onload = resolve;
      script.onerror = reject;
    });
    document.head.appendChild(script);
    loaded.then(function () { return window.MentorStaticPlan.load(bundleUrl); })
      .then(function (planner) { setUpPlan(root, null, config, planner); })
      .catch(function () { showStatic(root); });
  }

  function setUpPlan(root, api, config, planner) {
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
    var status = el("p", { className: "ma-status", role: "status", "aria-live": "polite" });
    var output = el("div", { className: "ma-agenda" });
    root.replaceChildren(form, status, output);
    skipTo(type, "Skip to the form");

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
      if (planner) {
        if (body.focus && planner.grounding === "loading") {
          status.textContent = "Loading the guide's search into your browser, to work in your focus…";
        }
        planner.agenda(body).then(function (agenda) {
          status.textContent = "Agenda ready.";
          output.replaceChildren.apply(output, [groundingNote(planner, agenda),
            renderAgenda(planner.toJson(agenda)), staticDownloads(planner, agenda, start)].filter(Boolean));
          document.body.classList.add("ma-has-agenda");
          changed();
          output.querySelector("h2").focus({ preventScroll: true });
          output.scrollIntoView({ block: "start", behavior: smoothly() });
        }, function (error) {
          status.textContent = "No agenda: " + error.message + ".";
        }).finally(function () { planButton.disabled = false; });
        return;
      }
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
            document.body.classList.add("ma-has-agenda");
            changed();
            output.querySelector("h2").focus({ preventScroll: true });
            output.scrollIntoView({ block: "start", behavior: smoothly() });
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

  /* Why a focus is not in the agenda, or why it was not checked for safety. */
  function groundingNote(planner, agenda) {
    if (agenda.flags.length || !agenda.focus_given) return null;
    if (agenda.focus_grounded && agenda.safety_checked) return null;
    var escalation = siteLink(planner.escalation.url,
      planner.escalation.title + " › " + planner.escalation.heading);
    var lead = agenda.focus_grounded ? "" : "Your focus is not worked into this agenda: this copy of " +
      "the guide cannot search its sections in your browser, so the agenda follows the template. " +
      "Look the focus up with the search box. ";
    var safety = agenda.safety_checked ? "If it is about someone's safety, " :
      "It was not checked for safety concerns: if it is about someone's safety, ";
    return el("p", { className: "ma-note ma-focus-note", role: "note" }, [lead + safety +
      "contact your safeguarding lead today (", escalation, ")."]);
  }

  function staticDownloads(planner, agenda, start) {
    var siteUrl = siteRoot.href;
    var printButton = el("button", { type: "button", className: "md-button", text: "Print" });
    printButton.addEventListener("click", function () { window.print(); });
    var mdButton = el("button", { type: "button", className: "md-button", text: "Download Markdown" });
    var icsButton = el("button", { type: "button", className: "md-button", text: "Download .ics" });
    var zone = el("input", { id: "ma-zone", type: "text", autocomplete: "off",
      value: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" });
    var note = el("span", { className: "ma-status", "aria-live": "polite" });
    function save(text, name, type) {
      var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
      document.body.appendChild(link);
      link.click();
      link.remove();
    }
    mdButton.addEventListener("click", function () {
      save(planner.markdown(agenda, siteUrl), "session-agenda.md", "text/markdown");
      note.textContent = "Agenda downloaded.";
    });
    icsButton.addEventListener("click", function () {
      if (!start.value) {
        note.textContent = "Choose the date and time first.";
        start.focus();
        return;
      }
      planner.ics(agenda, start.value.replace("T", " "), zone.value, siteUrl).then(function (text) {
        save(text, "session.ics", "text/calendar");
        note.textContent = "Calendar file downloaded.";
      }, function (error) { note.textContent = error.message + "."; });
    });
    return el("div", { className: "ma-actions ma-no-print" }, [printButton, mdButton,
      field("Date and time, for the calendar", start), field("Time zone", zone, "For example Europe/London."),
      icsButton, note]);
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
