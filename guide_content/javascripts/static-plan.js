/* The Plan page without a server: the offline agenda, computed in the browser.
 *
 * A port of mentor_assistant/agendas/agenda.py (with agenda_focus.py, scaling.py and
 * agenda_formats.py) over the bundle's agendas.json, which web/static_agenda.py exports
 * from the Python objects: the session templates, the agenda's own wording and
 * everything else that does not depend on the request.
 *
 * A focus is grounded in guide sections through window.MentorStatic (embed and
 * search, the in-browser retrieval); without it the agenda is built as for a
 * request without a focus, and says so. A focus or setting that touches on
 * someone's safety is checked with window.MentorStaticSafety when the site has it,
 * and then puts the safeguarding lead first, as the Python agenda does.
 *
 * window.MentorStaticPlan = { load(bundleUrl) -> Promise, agenda(body) -> Promise<Agenda>,
 *   toJson(agenda), markdown(agenda, siteUrl), ics(agenda, start, zone, siteUrl, now)
 *   -> Promise<string>, checkZone(name), grounding -> "ready" | "unavailable" | "loading",
 *   safetyCheck -> bool }
 */
(function () {
  "use strict";

  var data = null;
  var bundle = null;
  var engine = null; // {embed, search} once MentorStatic's model has loaded
  var engineReady = Promise.resolve(null);
  var safety = null;
  var safetyReady = Promise.resolve(null);
  var patterns = {};
  var api = { grounding: "unavailable", safetyCheck: false };

  function RequestError(message, fix) {
    var error = new Error(fix ? message + "; " + fix : message);
    error.name = "RequestError";
    return error;
  }

  /* ---------- loading ---------- */

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(script);
    });
  }

  function load(bundleUrl) {
    bundle = new URL(bundleUrl);
    var siteRoot = new URL("..", bundle);
    function json(name) {
      return fetch(new URL(name, bundle)).then(function (response) {
        if (!response.ok) throw new Error(name + " is missing from this copy of the guide");
        return response.json();
      });
    }
    return Promise.all([json("agendas.json"), json("manifest.json")]).then(function (loaded) {
      data = loaded[0];
      var files = loaded[1].files || {};
      api.escalation = data.escalation;
      Object.keys(data.patterns).forEach(function (name) {
        patterns[name] = new RegExp(data.patterns[name].source, data.patterns[name].flags);
      });
      // The search and the safety check, when the site has their scripts and the bundle their data.
      var scripts = data.scripts || {};
      var wanted = [];
      if (!window.MentorStatic && scripts.core && files["retrieval.json"]) wanted.push(new URL(scripts.core, siteRoot).href);
      if (!window.MentorStaticSafety && scripts.safety && files["safety.json"]) wanted.push(new URL(scripts.safety, siteRoot).href);
      return Promise.all(wanted.map(function (url) { return loadScript(url).catch(function () {}); }));
    }).then(function () {
      startSafety();
      startEngine();
      return api;
    });
  }

  function startEngine() {
    var core = window.MentorStatic;
    if (!core || typeof core.embed !== "function" || typeof core.search !== "function") return;
    api.grounding = "loading";
    engineReady = Promise.resolve(typeof core.load === "function" ? core.load() : null)
      .then(function (loaded) { return loaded && loaded.model; }) // the model loads after the words
      .then(function () {
        if (core.modelReady === false) throw new Error("the model did not load");
        engine = {
          embed: function (texts) { return core.embed(texts); },
          search: function (query, k, audience) { return core.search(query, { k: k, audience: audience }); },
        };
        api.grounding = "ready";
        return engine;
      })
      .catch(function () { api.grounding = "unavailable"; engine = null; return null; });
  }

  function startSafety() {
    var module = window.MentorStaticSafety;
    if (!module || (typeof module.assess !== "function" && typeof module.assessLexical !== "function")) return;
    api.safetyCheck = true;
    safetyReady = Promise.resolve(typeof module.load === "function" ? module.load(bundle.href) : null)
      .then(function () { safety = module; return module; })
      .catch(function () { api.safetyCheck = false; return null; });
  }

  /* ---------- the request ---------- */

  function requestFrom(body) {
    var goals = body.goals || [];
    var actions = body.actions || [];
    var notes = null;
    if (goals.length || actions.length) {
      notes = {
        goals: goals.slice(0, 10).map(function (g) { return g.trim(); }).filter(Boolean),
        actions: actions.slice(0, 10).map(function (a) {
          return typeof a === "string" ? { text: a, done: false } : { text: a.text, done: !!a.done };
        }),
      };
    }
    return {
      type: body.type || null, number: whole(body.session), total: whole(body.of),
      minutes: whole(body.minutes), role: body.role || "mentor", focus: body.focus || "",
      context: body.context || null, notes: notes,
    };
  }

  function whole(value) {
    return typeof value === "number" && isFinite(value) ? value : null;
  }

  function checkRequest(request) {
    var limits = data.limits;
    if (request.minutes !== null && !(request.minutes >= limits.min_minutes && request.minutes <= limits.max_minutes)) {
      throw RequestError(request.minutes + " minutes is outside what an agenda can serve",
        "choose between " + limits.min_minutes + " and " + limits.max_minutes + " minutes");
    }
    if (data.roles.indexOf(request.role) < 0) throw RequestError("unknown role " + request.role, "use mentor or mentee");
    if (request.context !== null && data.contexts.indexOf(request.context) < 0) {
      throw RequestError("unknown context " + request.context, "use one of " + data.contexts.join(", "));
    }
    if (Array.from(request.focus).length > 500) {
      throw RequestError("the focus is longer than 500 characters", "describe the concern in a sentence or two");
    }
  }

  function resolveSessionType(request) {
    var kinds = Object.keys(data.session_types);
    if (request.type) {
      if (kinds.indexOf(request.type) < 0) throw RequestError("unknown session type " + request.type, "use one of " + kinds.join(", "));
      return request.type;
    }
    var number = request.number, total = request.total;
    if (number === null || total === null) {
      throw RequestError("say which session this is", "choose the kind of session, or give the session number and how many are planned");
    }
    if (total < 1 || number < 1) throw RequestError("session numbers start at 1", "e.g. session 3 of 8");
    if (number > total) {
      throw RequestError("session " + number + " of " + total + " is past the planned total",
        "use a session number from 1 to " + total + ", or raise the number of sessions");
    }
    if (number === 1) return "first";
    if (number === total) return "closing";
    if (number === 2) return "goals";
    if (total >= 5 && number === Math.max(3, Math.floor((total + 1) / 2))) return "midpoint";
    return "checkin";
  }

  /* ---------- the agenda (agenda.build_offline_agenda) ---------- */

  function buildAgenda(body) {
    var request = requestFrom(body);
    checkRequest(request);
    var kind = resolveSessionType(request);
    var template = data.templates[kind];
    if (!template) throw RequestError("the guide has no session template of type " + kind, "ask the guide's editors to add one");
    var minutes = request.minutes || template.minutes;
    var version = nearestVersion(template, minutes);
    var plan = {
      drafts: templateItems(template, version.items, request.role, minutes),
      weights: version.items.map(function (item) { return item.minutes; }),
      priorities: version.items.map(function (item) { return item.priority; }),
      protect: new Set(indexesWhere(version.items, function (item) { return item.priority === 1; })),
    };
    var focusHits = [];
    var grounded = true;
    return Promise.all([safetyReading(request), request.focus.trim() ? engineReady : null]).then(function (ready) {
      var reading = ready[0];
      var flagged = reading === "sure";
      var work;
      if (flagged) {
        plan = safetyFirst(plan, request.role);
        work = Promise.resolve();
      } else if (request.focus.trim() && engine) {
        work = focusHitsFor(request).then(function (hits) {
          focusHits = hits;
          return planFocus(request.focus, request.role, hits);
        }).then(function (focusPlan) {
          return withFocus(plan, version.items, focusPlan, request.role);
        }).then(function (withIt) { plan = withIt; });
      } else {
        grounded = !request.focus.trim(); // no search here: built as without a focus
        work = Promise.resolve();
      }
      return work.then(function () {
        if (request.notes) plan = withNotes(plan, request.notes, request.role);
        if (!version.items.some(function (item) { return item.priority === 1; })) {
          plan.protect.add(0);
          plan.protect.add(plan.drafts.length - 1);
        }
        var scaled = scaleMinutes(plan.weights, minutes, plan.protect, plan.priorities);
        var items = scaled.kept.map(function (i, n) { return Object.assign({}, plan.drafts[i], { minutes: scaled.minutes[n] }); });
        return Promise.all([items, flagged ? null : contextSection(request, kind, grounded)]);
      }).then(function (done) {
        var contacts = reading ? [data.escalation] : [];
        var workedOn = kind === "first" ? [] : focusHits.slice(0, 3).map(ref);
        var page = template.page;
        var sources = dedupe((flagged ? contacts : []).concat(workedOn, done[1] ? [done[1]] : [],
          [{ title: page.title, heading: page.title, url: page.url, path: page.path }],
          flagged ? [] : contacts));
        return {
          session_type: kind, minutes: minutes, role: request.role,
          title: format(data.words.agenda_title, { session: data.session_types[kind], minutes: minutes, role: request.role }),
          mode: "template", items: done[0], preparation: preparation(template, request, focusHits, reading),
          sources: sources, flags: flagged ? ["safety"] : [],
          focus_given: !!request.focus.trim(), focus_grounded: grounded, safety_checked: api.safetyCheck,
        };
      });
    });
  }

  function indexesWhere(list, test) {
    var found = [];
    list.forEach(function (value, i) { if (test(value)) found.push(i); });
    return found;
  }

  function nearestVersion(template, minutes) {
    var best = null;
    template.versions.forEach(function (version) {
      var key = [Math.abs(version.minutes - minutes), -version.minutes];
      if (!best || key[0] < best.key[0] || (key[0] === best.key[0] && key[1] < best.key[1])) best = { key: key, version: version };
    });
    return best.version;
  }

  function fillLength(text, minutes) {
    var words = data.length_words;
    return text.split("{length}").join(minutes === 60 ? words.hour : format(words.minutes, { minutes: minutes }));
  }

  function templateItems(template, items, role, minutes) {
    var page = template.page;
    return items.map(function (item) {
      var voice = item.voices[role];
      var anchor = Object.prototype.hasOwnProperty.call(template.anchors, item.title) ? template.anchors[item.title] : null;
      return {
        title: item.title, minutes: item.minutes, purpose: fillLength(voice.purpose, minutes),
        prompts: voice.prompts.slice(0, 3).map(function (p) { return fillLength(p, minutes); }),
        sources: anchor === null ? [] : [{ title: page.title, heading: item.title, url: page.url + "#" + anchor, path: page.path }],
      };
    });
  }

  /* "sure" or "unsure" when the focus or context touches on safety (unsure: flagged on
   * closeness alone, near the threshold), else null: as agenda.py's _safety_reading. */
  function safetyReading(request) {
    var texts = [request.focus, request.context || ""].filter(function (text) { return text.trim(); });
    if (!texts.length) return Promise.resolve(null);
    return Promise.all([safetyReady, engineReady]).then(function () {
      if (!safety) return null;
      return Promise.all(texts.map(function (text) {
        if (engine && typeof safety.assess === "function") {
          return safety.assess(text, engine.embed).then(readingOf);
        }
        var lexical = typeof safety.assessLexical === "function" ? safety.assessLexical(text) : null;
        return readingOf(lexical);
      })).then(function (readings) {
        if (readings.indexOf("sure") >= 0) return "sure";
        return readings.indexOf("unsure") >= 0 ? "unsure" : null;
      });
    });
  }

  function readingOf(verdict) {
    if (!verdict || !verdict.flagged) return null;
    return verdict.unsure ? "unsure" : "sure";
  }

  function safetyFirst(plan, role) {
    var keep = indexesWhere(plan.priorities, function (p) { return p < 3; });
    var voice = data.words.safety_voices[role];
    var item = { title: data.words.safety_title, minutes: 5, purpose: voice[0], prompts: voice.slice(1), sources: [data.escalation] };
    var protect = new Set([0]);
    keep.forEach(function (i, n) { if (plan.protect.has(i)) protect.add(n + 1); });
    return {
      drafts: [item].concat(keep.map(function (i) { return plan.drafts[i]; })),
      weights: [5].concat(keep.map(function (i) { return plan.weights[i]; })),
      priorities: [1].concat(keep.map(function (i) { return plan.priorities[i]; })),
      protect: protect,
    };
  }

  function shifted(indexes, at) {
    var moved = new Set();
    indexes.forEach(function (i) { moved.add(i >= at ? i + 1 : i); });
    return moved;
  }

  function sum(values) {
    return values.reduce(function (total, value) { return total + value; }, 0);
  }

  function firstIndex(drafts, test, fallback) {
    for (var i = 0; i < drafts.length; i++) if (test(drafts[i], i)) return i;
    return fallback;
  }

  function withFocus(plan, items, focusPlan, role) {
    var drafts = plan.drafts.slice();
    var refs = dedupe(focusPlan.hits.slice(0, 2).map(ref));
    return focusTarget(items, focusPlan.text).then(function (at) {
      if (at !== null) {
        drafts[at] = focusInto(drafts[at], focusPlan, items[at].focus, role, refs);
        return { drafts: drafts, weights: plan.weights, priorities: plan.priorities, protect: plan.protect };
      }
      var slot = firstIndex(drafts, function (d) { return patterns.FOCUS_SLOT.test(d.title); }, null);
      if (slot !== null) {
        drafts[slot] = focusInto(drafts[slot], focusPlan, "work", role, refs);
        var protect = new Set(plan.protect);
        protect.add(slot);
        return { drafts: drafts, weights: plan.weights, priorities: plan.priorities, protect: protect };
      }
      at = firstIndex(drafts, function (d, i) { return i && patterns.WRAP_UP_ITEM.test(d.title); }, Math.max(1, drafts.length - 1));
      var item = focusInto({ title: "Focus", minutes: 10, purpose: "", prompts: [], sources: [] }, focusPlan, "work", role, refs);
      var share = data.limits.focus_share;
      var extra = share * sum(plan.weights) / (1 - share);
      var moved = shifted(plan.protect, at);
      moved.add(at);
      return {
        drafts: drafts.slice(0, at).concat([item], drafts.slice(at)),
        weights: plan.weights.slice(0, at).concat([extra], plan.weights.slice(at)),
        priorities: plan.priorities.slice(0, at).concat([1], plan.priorities.slice(at)),
        protect: moved,
      };
    });
  }

  function withNotes(plan, notes, role) {
    var words = data.words;
    var drafts = plan.drafts.slice(), weights = plan.weights.slice(), priorities = plan.priorities.slice();
    var protect = plan.protect;
    var actions = actionPrompts(notes, role);
    if (actions.length) {
      var at = firstIndex(drafts, function (d) { return patterns.REVIEW_ITEM.test(d.title); }, null);
      if (at === null) {
        var review = { title: words.review_title, minutes: 5, purpose: words.review_purpose[role],
          prompts: actions.slice(0, 2).concat([words.review_close[role]]), sources: [] };
        at = drafts.length > 1 && drafts[0].title !== words.safety_title ? 1 : Math.min(2, drafts.length);
        var share = data.limits.review_share;
        var weight = share * sum(weights) / (1 - share);
        drafts.splice(at, 0, review);
        weights.splice(at, 0, weight);
        priorities.splice(at, 0, 2);
        protect = shifted(protect, at);
      } else {
        drafts[at] = Object.assign({}, drafts[at], { prompts: actions.slice(0, 2).concat(drafts[at].prompts.slice(0, 1)) });
      }
    }
    if (notes.goals.length) {
      var goalAt = firstIndex(drafts, function (d) { return patterns.GOAL_ITEM.test(d.title); }, 1);
      goalAt = Math.min(goalAt, drafts.length - 1);
      var goalPrompts = notes.goals.slice(0, 2).map(function (goal) { return format(words.goal_prompt[role], { goal: goal }); });
      drafts[goalAt] = Object.assign({}, drafts[goalAt], { prompts: goalPrompts.concat(drafts[goalAt].prompts).slice(0, data.limits.max_prompts) });
    }
    return { drafts: drafts, weights: weights, priorities: priorities, protect: protect };
  }

  /* str.format with named fields: the values are not read for fields themselves. */
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function actionPrompts(notes, role) {
    var open = notes.actions.filter(function (a) { return !a.done; });
    if (open.length <= 2) return open.map(function (a) { return format(data.words.action_prompt[role], { action: a.text }); });
    var listed = open.slice(0, 6).map(function (a) { return "“" + a.text + "”"; }).join("; ");
    return [format(data.words.actions_prompt[role], { listed: listed }), data.words.review_close[role]];
  }

  function contextSection(request, kind, grounded) {
    if (!request.context) return Promise.resolve(null);
    var precomputed = data.context_sections[request.context][kind];
    if (kind === "first" || !request.focus || !grounded || !engine) return Promise.resolve(precomputed);
    var rows = data.context_pages[request.context];
    if (!rows.length) return Promise.resolve(null);
    return engine.embed([request.focus + " " + request.context]).then(function (vectors) {
      var best = null, bestScore = -Infinity;
      rows.forEach(function (row) {
        var score = dot(vectorOf(row), vectors[0]);
        if (score > bestScore) { best = row; bestScore = score; }
      });
      return { title: best.title, heading: best.heading, url: best.url, path: best.path };
    });
  }

  function vectorOf(row) {
    if (!row.decoded) {
      var bytes = Uint8Array.from(atob(row.vector), function (c) { return c.charCodeAt(0); });
      row.decoded = new Float32Array(bytes.buffer);
    }
    return row.decoded;
  }

  function dot(a, b) {
    var total = 0;
    for (var i = 0; i < a.length; i++) total += a[i] * b[i];
    return total;
  }

  function preparation(template, request, focusHits, reading) {
    var steps = reading ? [data.words[reading === "sure" ? "safety_step" : "unsure_step"][request.role]] : [];
    steps = steps.concat(template.preparation[request.role] || []);
    if (focusHits.length) {
      var lead = focusHits[0];
      steps.push(format(data.words.read_step, { heading: lead.heading, title: lead.title }));
      steps.push(data.words.focus_step[request.role]);
    }
    if (request.notes && request.notes.actions.some(function (a) { return !a.done; })) {
      steps.push(data.words.update_step);
    }
    return steps.filter(function (step, i) { return steps.indexOf(step) === i; });
  }

  function ref(hit) {
    return { title: hit.title, heading: hit.heading, url: hit.url, path: hit.path };
  }

  function dedupe(refs) {
    var seen = {}, kept = [];
    refs.forEach(function (r) {
      if (!Object.prototype.hasOwnProperty.call(seen, r.url)) { seen[r.url] = true; kept.push(r); }
    });
    return kept;
  }

  /* ---------- scaling.scale_minutes ---------- */

  function scaleMinutes(weights, total, protect, priorities) {
    var minItem = data.limits.min_item, minAverage = data.limits.min_average;
    var kept = weights.map(function (_, i) { return i; });
    function before(a, b) { // min by (-rank, weight, -index)
      if (priorities[a] !== priorities[b]) return priorities[a] > priorities[b];
      if (weights[a] !== weights[b]) return weights[a] < weights[b];
      return a > b;
    }
    while (kept.length > 1 && total < minAverage * kept.length) {
      var droppable = kept.filter(function (i) { return !protect.has(i); });
      if (!droppable.length) droppable = kept.slice(1);
      var drop = droppable.reduce(function (best, i) { return before(i, best) ? i : best; });
      kept.splice(kept.indexOf(drop), 1);
    }
    var share = kept.map(function (i) { return weights[i]; });
    var whole = sum(share);
    var raw = share.map(function (w) { return w * total / whole; });
    var minutes = raw.map(function (x) { return Math.max(minItem, Math.trunc(x)); });
    var order = raw.map(function (_, j) { return j; }).sort(function (a, b) {
      var fa = raw[a] - Math.trunc(raw[a]), fb = raw[b] - Math.trunc(raw[b]);
      return fa !== fb ? fb - fa : a - b;
    });
    var step = 0;
    while (sum(minutes) < total) { minutes[order[step % order.length]] += 1; step += 1; }
    while (sum(minutes) > total) {
      var longest = null;
      minutes.forEach(function (m, j) {
        if (m <= minItem) return;
        if (longest === null) { longest = j; return; }
        var a = [m - raw[j], m, -j], b = [minutes[longest] - raw[longest], minutes[longest], -longest];
        if (a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])))) longest = j;
      });
      minutes[longest] -= 1;
    }
    return { kept: kept, minutes: minutes };
  }

  /* ---------- the focus (agenda_focus) ---------- */

  function focusHitsFor(request) {
    var focus = request.focus;
    var query = request.context ? focus + " (" + request.context + ")" : focus;
    var inAgenda = new Set(data.template_sections);
    return engine.search(query.trim(), 8, request.role).then(function (hits) {
      var useful = hits.slice(0, 6).filter(function (h) {
        return h.anchor && !inAgenda.has(h.url) && h.heading.indexOf("Timed agenda") !== 0 && !patterns.NARRATIVE.test(h.heading);
      });
      return Promise.all(useful.map(function (h) { return isAbout(focus, h); })).then(function (flags) {
        var about = useful.filter(function (_, i) { return flags[i]; });
        return about.slice(0, 4).filter(function (h) { return h.score >= data.focus.related_share * about[0].score; });
      });
    });
  }

  function isAbout(focus, hit) {
    var names = [hit.title + ": " + hit.heading];
    if (!patterns.GENERIC_HEADING.test(hit.heading)) names.push(hit.heading);
    return engine.embed([focus].concat(names)).then(function (vectors) {
      var best = -Infinity;
      for (var i = 1; i < vectors.length; i++) best = Math.max(best, dot(vectors[i], vectors[0]));
      return best >= data.focus.heading_floor;
    });
  }

  function planFocus(focus, role, hits) {
    var text = focus.trim().split(/\s+/).join(" ");
    var chars = Array.from(text);
    var short = text;
    if (chars.length > 60) {
      var cut = chars.slice(0, 57).join("");
      var space = cut.lastIndexOf(" ");
      short = (space >= 0 ? cut.slice(0, space) : cut) + "…";
    }
    var fromGuide = hits.length ? guidePrompts(hits, text, role) : Promise.resolve([]);
    return fromGuide.then(function (lines) {
      var prompts = lines.slice(0, 2);
      data.focus.open_questions[role].forEach(function (question) {
        if (prompts.length < 3 && prompts.indexOf(question) < 0) prompts.push(question);
      });
      return { text: text, short: short, prompts: prompts, hits: hits, from_guide: lines.slice(0, 2) };
    });
  }

  function sectionLines(hit) {
    return data.sections[hit.id] || { prompts: [], tips: [] };
  }

  function unique(list) {
    return list.filter(function (value, i) { return list.indexOf(value) === i; });
  }

  function guidePrompts(hits, focus, role) {
    var other = data.focus.written_for_the_other[role];
    hits = hits.filter(function (h) {
      return !other.some(function (prefix) { return h.path.indexOf(prefix) === 0; });
    });
    if (!hits.length) return Promise.resolve([]);
    if (role === "mentee") {
      var tips = [].concat.apply([], hits.slice(0, 2).map(function (h) { return sectionLines(h).tips; }));
      return closest(unique(tips), focus, data.focus.tip_floor).then(function (found) { return found.slice(0, 1); });
    }
    var pools = [[].concat.apply([], hits.slice(0, 2).map(function (h) { return sectionLines(h).prompts; })),
      data.phrase_candidates[hits[0].path] || []];
    var floors = [data.focus.prompt_floor, data.focus.phrase_floor];
    var chosen = [];
    return pools.reduce(function (previous, pool, n) {
      return previous.then(function () {
        return closest(unique(pool), focus, floors[n]).then(function (found) {
          found.forEach(function (candidate) {
            var overlaps = chosen.some(function (c) { return candidate.indexOf(c) >= 0 || c.indexOf(candidate) >= 0; });
            if (chosen.length < 2 && !overlaps) chosen.push(candidate);
          });
        });
      });
    }, Promise.resolve()).then(function () { return chosen; });
  }

  function closest(candidates, focus, floor) {
    if (!candidates.length) return Promise.resolve([]);
    return engine.embed([focus].concat(candidates)).then(function (vectors) {
      var scores = candidates.map(function (_, i) { return dot(vectors[i + 1], vectors[0]); });
      var order = candidates.map(function (_, i) { return i; }).sort(function (a, b) { return scores[b] - scores[a]; });
      return order.filter(function (i) { return scores[i] >= floor; }).map(function (i) { return candidates[i]; });
    });
  }

  function focusTarget(items, focus) {
    var modes = items.map(function (item) { return item.focus || ""; });
    if (modes.indexOf("note") >= 0) return Promise.resolve(modes.indexOf("note"));
    var open = indexesWhere(modes, function (mode) { return mode === "work" || mode === "include"; });
    if (!open.length) return Promise.resolve(null);
    return Promise.all(open.map(function (i) { return fit(items[i], focus); })).then(function (fits) {
      var best = null, bestScore = -Infinity;
      open.forEach(function (i, n) {
        var score = fits[n] + (modes[i] === "work" ? data.focus.include_margin : 0);
        if (score > bestScore) { best = i; bestScore = score; }
      });
      return best;
    });
  }

  function fit(item, focus) {
    return engine.embed([focus].concat(item.fit_texts)).then(function (vectors) {
      var best = -Infinity;
      for (var i = 1; i < vectors.length; i++) best = Math.max(best, dot(vectors[i], vectors[0]));
      var title = stems(item.title), shared = Array.from(stems(focus)).some(function (s) { return title.has(s); });
      return best + (shared ? data.focus.title_word_bonus : 0);
    });
  }

  function stems(text) {
    var found = new Set();
    (text.toLowerCase().match(/[a-z]{4,}/g) || []).forEach(function (word) { found.add(word.slice(0, 5)); });
    ["with", "that", "this", "what"].forEach(function (word) { found.delete(word); });
    return found;
  }

  function focusInto(item, plan, mode, role, refs) {
    var words = data.words;
    var quoted = "“" + plan.short + "”";
    if (mode === "note") {
      return Object.assign({}, item, { purpose: format(words.focus_noted, { purpose: item.purpose, quoted: quoted }),
        prompts: item.prompts.slice(0, 2).concat([format(words.note_prompt[role], { quoted: quoted })]) });
    }
    if (mode === "work") {
      var lead = plan.hits.length ? plan.hits[0] : null;
      var advice = lead ? format(words.focus_advice, { heading: lead.heading.toLowerCase(), title: lead.title }) : "";
      var first = Array.from(plan.short);
      return Object.assign({}, item, {
        title: format(words.focus_title, { focus: (first[0] || "").toUpperCase() + first.slice(1).join("") }),
        purpose: format(words.focus_work[role], { quoted: quoted, advice: advice }),
        prompts: plan.prompts.slice(), sources: refs.concat(item.sources) });
    }
    return Object.assign({}, item, { purpose: format(words.focus_included, { purpose: item.purpose, quoted: quoted }),
      prompts: plan.from_guide.concat(item.prompts).slice(0, 3), sources: item.sources.concat(refs) });
  }

  /* ---------- shapes and downloads (Agenda.to_json, agenda_formats) ---------- */

  function toJson(agenda) {
    return {
      session_type: agenda.session_type, minutes: agenda.minutes, role: agenda.role, title: agenda.title,
      mode: agenda.mode,
      items: agenda.items.map(function (i) {
        return { title: i.title, minutes: i.minutes, purpose: i.purpose, prompts: i.prompts.slice(),
          sources: i.sources.map(function (s) { return { title: s.title, url: s.url }; }) };
      }),
      preparation: agenda.preparation.slice(), sources: agenda.sources.map(ref), flags: agenda.flags.slice(),
    };
  }

  function clock(minutes) {
    var m = minutes % 60;
    return Math.floor(minutes / 60) + ":" + (m < 10 ? "0" : "") + m;
  }

  function absoluteUrl(url, siteUrl) {
    if (!siteUrl || url.indexOf("://") >= 0) return url;
    return new URL(url, siteUrl.replace(/\/+$/, "") + "/").href;
  }

  function sourceName(source, separator) {
    return source.heading === source.title ? source.title : source.title + (separator || " › ") + source.heading;
  }

  function link(source, siteUrl) {
    return "[" + sourceName(source) + "](" + absoluteUrl(source.url, siteUrl) + ")";
  }

  function markdown(agenda, siteUrl) {
    var lines = ["# " + agenda.title, "", "_" + data.mode_notes[agenda.mode] + "_", "",
      "| Time | Item | Minutes |", "| --- | --- | ---: |"];
    var start = 0;
    agenda.items.forEach(function (item) {
      lines.push("| " + clock(start) + "–" + clock(start + item.minutes) + " | " + item.title + " | " + item.minutes + " |");
      start += item.minutes;
    });
    start = 0;
    agenda.items.forEach(function (item, n) {
      lines.push("", "## " + (n + 1) + ". " + item.title + " (" + item.minutes + " min, " + clock(start) + "–" +
        clock(start + item.minutes) + ")", "", item.purpose, "");
      item.prompts.forEach(function (p) { lines.push("- " + p); });
      if (item.sources.length) {
        lines.push("", "From the guide: " + item.sources.map(function (s) { return link(s, siteUrl); }).join("; "));
      }
      start += item.minutes;
    });
    lines.push("", "## Before the session (" + agenda.role + ")", "");
    agenda.preparation.forEach(function (step) { lines.push("- [ ] " + step); });
    lines.push("", "## Read before", "");
    agenda.sources.forEach(function (s) { lines.push("- " + link(s, siteUrl)); });
    return lines.join("\n") + "\n";
  }

  function plainAgenda(agenda, siteUrl) {
    var lines = [], start = 0;
    agenda.items.forEach(function (item) {
      lines.push(clock(start) + " " + item.title + " (" + item.minutes + " min): " + item.purpose);
      item.prompts.forEach(function (p) { lines.push("  - " + p); });
      if (item.title === data.words.safety_title) {
        item.sources.forEach(function (s) { lines.push("  - " + sourceName(s, " > ") + ": " + absoluteUrl(s.url, siteUrl)); });
      }
      start += item.minutes;
    });
    lines.push("", "Before the session:");
    agenda.preparation.forEach(function (step) { lines.push("  - " + step); });
    lines.push("", "Read before:");
    agenda.sources.forEach(function (s) { lines.push("  - " + sourceName(s, " > ") + ": " + absoluteUrl(s.url, siteUrl)); });
    return lines.join("\n");
  }

  function parseStart(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(String(text).trim());
    var parts = match ? match.slice(1).map(Number) : null;
    var probe = parts && new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4]));
    if (!probe || probe.getUTCDate() !== parts[2] || probe.getUTCMonth() !== parts[1] - 1 || parts[3] > 23) {
      throw RequestError("the start time " + text + " is not in the form YYYY-MM-DD HH:MM", "e.g. 2026-12-03 17:30");
    }
    return probe.getTime(); // the local wall time, as if it were UTC
  }

  function checkZone(name) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name.trim() });
      return name.trim();
    } catch (error) {
      throw RequestError("unknown time zone " + name, "use a name such as Europe/London, America/New_York or UTC");
    }
  }

  function zoneOffset(zone, instant) { // minutes east of UTC at ``instant``
    var format = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric",
      month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    var fields = {};
    format.formatToParts(new Date(instant)).forEach(function (p) { fields[p.type] = p.value; });
    var wall = Date.UTC(+fields.year, +fields.month - 1, +fields.day, +fields.hour % 24, +fields.minute, +fields.second);
    return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
  }

  /* The UTC instant of a wall time in ``zone``: the earlier offset when the time is
     ambiguous or skipped, as Python's zoneinfo does with fold=0. */
  function toUtc(wall, zone) {
    var day = 12 * 3600 * 1000;
    var before = zoneOffset(zone, wall - day), after = zoneOffset(zone, wall + day);
    if (zoneOffset(zone, wall - before * 60000) === before) return wall - before * 60000;
    if (zoneOffset(zone, wall - after * 60000) === after) return wall - after * 60000;
    return wall - before * 60000;
  }

  function stamp(instant) {
    return new Date(instant).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  }

  function escapeText(text) {
    return text.split("\\").join("\\\\").split(";").join("\\;").split(",").join("\\,")
      .split("\r\n").join("\n").split("\n").join("\\n");
  }

  function foldLine(line) {
    var encoder = new TextEncoder();
    if (encoder.encode(line).length <= 75) return line;
    var parts = [], current = "", size = 0, limit = 75;
    Array.from(line).forEach(function (char) {
      var bytes = encoder.encode(char).length;
      if (size + bytes > limit) { parts.push(current); current = ""; size = 0; limit = 74; }
      current += char;
      size += bytes;
    });
    parts.push(current);
    return parts.join("\r\n ");
  }

  function ics(agenda, start, zone, siteUrl, now) {
    var wall = parseStart(start);
    var name = zone ? checkZone(zone) : Intl.DateTimeFormat().resolvedOptions().timeZone;
    var begin = toUtc(wall, name);
    var end = begin + agenda.minutes * 60000;
    var description = plainAgenda(agenda, siteUrl);
    var iso = new Date(begin).toISOString().replace(/\.\d+Z$/, "+00:00");
    return sha256Hex(iso + "|" + description).then(function (hash) {
      var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mentoring kit//mentor-assistant//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
        "UID:" + hash.slice(0, 32) + "@mentor-assistant", "DTSTAMP:" + stamp(now || Date.now()),
        "DTSTART:" + stamp(begin), "DTEND:" + stamp(end),
        "SUMMARY:" + escapeText(agenda.title), "DESCRIPTION:" + escapeText(description),
        "END:VEVENT", "END:VCALENDAR"];
      return lines.map(function (line) { return foldLine(line) + "\r\n"; }).join("");
    });
  }

  /* SHA-256 (crypto.subtle is only there on https and localhost). */
  function sha256Hex(text) {
    var bytes = new TextEncoder().encode(text);
    if (window.crypto && window.crypto.subtle) {
      return window.crypto.subtle.digest("SHA-256", bytes).then(hex);
    }
    return Promise.resolve(hex(sha256(bytes)));
  }

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer)).map(function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function sha256(bytes) {
    var K = [], H = [], prime = 2, found = 0;
    function frac(x) { return ((x - Math.floor(x)) * 4294967296) >>> 0; }
    while (found < 64) {
      var isPrime = true;
      for (var d = 2; d * d <= prime; d++) if (prime % d === 0) { isPrime = false; break; }
      if (isPrime) { if (found < 8) H[found] = frac(Math.sqrt(prime)); K[found] = frac(Math.cbrt(prime)); found++; }
      prime++;
    }
    var length = bytes.length, padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
    view.setUint32(padded.length - 4, (length << 3) >>> 0);
    var w = new Uint32Array(64);
    function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
    for (var offset = 0; offset < padded.length; offset += 64) {
      for (var t = 0; t < 64; t++) {
        if (t < 16) w[t] = view.getUint32(offset + t * 4);
        else {
          var s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
          var s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
          w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
        }
      }
      var a = H[0], b = H[1], c = H[2], e = H[4], f = H[5], g = H[6], h = H[7], dd = H[3];
      for (t = 0; t < 64; t++) {
        var t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) >>> 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        h = g; g = f; f = e; e = (dd + t1) >>> 0; dd = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      H = [a, b, c, dd, e, f, g, h].map(function (v, i) { return (v + H[i]) >>> 0; });
    }
    var out = new DataView(new ArrayBuffer(32));
    H.forEach(function (v, i) { out.setUint32(i * 4, v); });
    return out.buffer;
  }

  api.load = load;
  api.agenda = function (body) {
    if (!data) return Promise.reject(new Error("the agenda templates have not loaded yet"));
    try { return buildAgenda(body); } catch (error) { return Promise.reject(error); }
  };
  api.toJson = toJson;
  api.markdown = markdown;
  api.ics = function (agenda, start, zone, siteUrl, now) {
    try { return ics(agenda, start, zone, siteUrl, now); } catch (error) { return Promise.reject(error); }
  };
  api.checkZone = checkZone;
  window.MentorStaticPlan = api;
})();
