/* The safety check of the static assistant: the same decision as the CLI's, in the browser.
 *
 * A copy of mentor_assistant/safety/detector.py and safety_cues.py that reads every table,
 * pattern and number from the bundle's safety.json, written at build time from the
 * Python objects themselves (mentor_assistant/web/static_safety.py). A question is
 * normalised (slang and typos spelled out), split into clauses, and each clause is
 * scored by how much closer it sits to the nearest disclosure exemplars than to the
 * nearest harmless look-alikes, plus a bonus when a risk phrase appears in it.
 *
 *   MentorStaticSafety.load(bundleUrl)             -> Promise (resolves when ready)
 *   MentorStaticSafety.assess(question, embed, {history, vector})
 *       -> Promise<{flagged, categories, category, score}>
 *   MentorStaticSafety.assessLexical(question, {history})
 *       -> {flagged, categories, lexical: true}    (before the model has loaded)
 *   MentorStaticSafety.contactsBlock(n)            -> the Markdown lead of a safety answer
 *
 * Nothing here logs or sends the question anywhere.
 */
(function () {
  "use strict";

  let tables = null;
  let loading = null;

  /* ---------- Python's re, as the patterns need it ---------- */

  function compile(spec) {
    return new RegExp(spec.source, spec.flags + "g");
  }

  // Matches in order, as Python's finditer, sub and split find them.
  function* matches(regex, text) {
    let start = 0;
    let lastWasEmpty = false;
    while (start <= text.length) {
      regex.lastIndex = start;
      let match = regex.exec(text);
      if (match && lastWasEmpty && match[0] === "" && match.index === start) {
        if (start >= text.length) return;
        regex.lastIndex = start + (text.codePointAt(start) > 0xffff ? 2 : 1);
        match = regex.exec(text);
      }
      if (!match) return;
      yield match;
      lastWasEmpty = match[0] === "";
      start = match.index + match[0].length;
    }
  }

  function sub(regex, replace, text) {
    let out = "";
    let last = 0;
    for (const match of matches(regex, text)) {
      out += text.slice(last, match.index) + replace(match);
      last = match.index + match[0].length;
    }
    return out + text.slice(last);
  }

  function split(regex, text) {
    const parts = [];
    let last = 0;
    for (const match of matches(regex, text)) {
      parts.push(text.slice(last, match.index), ...match.slice(1));
      last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    return parts;
  }

  function search(regex, text) {
    return matches(regex, text).next().done === false;
  }

  // str.strip() and str.split() with Python's whitespace.
  function strip(text) {
    return text.replace(tables.stripEnds, "");
  }

  function words(text) {
    return text.split(tables.spaces).filter(Boolean);
  }

  /* ---------- normalise: slang and typos spelled out (safety_cues.normalise) ---------- */

  function normalise(text) {
    text = text.toLowerCase().replaceAll("\u2019", "'").replaceAll("\u2018", "'");
    // "ım" (dotless ı) matches the contraction pattern but is no key: Python raises a
    // KeyError there, this copy leaves the word as it is.
    text = sub(tables.contraction, (m) => tables.apostropheFree.get(m[1].toLowerCase()) ?? m[0], text);
    for (const [pattern, replacement] of tables.slang) {
      text = sub(pattern, () => replacement, text);
    }
    return sub(tables.word, (m) => corrected(m[0]), text);
  }

  function corrected(word) {
    if (tables.knownWords.has(word) || tables.riskWords.has(word)) return word;
    if (tables.droppedG.has(word)) return tables.droppedG.get(word);
    if (word.length < 5) return tables.shortRiskTypos.get(word) ?? word;
    const riskWord = closestRiskWord(word);
    return riskWord && !tables.englishWords.has(word) ? riskWord : word;
  }

  function closestRiskWord(word) {
    if (tables.closest.has(word)) return tables.closest.get(word);
    const allowed = word.length < 8 ? 1 : 2;
    let found = null;
    for (const candidate of tables.riskWordList) {
      if (Math.abs(candidate.length - word.length) <= allowed && distance(word, candidate) <= allowed) {
        found = candidate;
        break;
      }
    }
    tables.closest.set(word, found);
    return found;
  }

  // Damerau-Levenshtein distance (adjacent swaps count once), as safety_cues._distance.
  function distance(a, b) {
    let previous2 = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i].concat(new Array(b.length).fill(0));
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] !== b[j - 1] ? 1 : 0;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          current[j] = Math.min(current[j], previous2[j - 2] + 1);
        }
      }
      previous2 = previous;
      previous = current;
    }
    return previous[previous.length - 1];
  }

  /* ---------- clauses and cues (safety.clauses_of, safety_cues.cue_categories) ---------- */

  function clausesOf(text) {
    let parts = split(tables.clauses, text).filter((part) => part && strip(part)).map(strip);
    parts = parts.filter((part) => words(part).length >= tables.minClauseWords && part !== text);
    if (parts.length === 1 && words(parts[0]).length < tables.loneClauseWords) return [text];
    return [text, ...parts];
  }

  function cueCategories(normalised) {
    const idioms = Array.from(matches(tables.idiom, normalised),
      (match) => [match.index, match.index + match[0].length]);
    const ownStory = search(tables.ownStory, normalised);
    const found = [];
    for (const [category, pattern] of tables.cues) {
      for (const match of matches(pattern, normalised)) {
        if (!inIdiom(match, idioms) && (ownStory || !isTopic(normalised, match))) {
          found.push(category);
          break;
        }
      }
    }
    return found;
  }

  // The risk phrase overlaps an idiom, which explains only its own words.
  function inIdiom(match, idioms) {
    const end = match.index + match[0].length;
    return idioms.some(([start, stop]) => start < end && match.index < stop);
  }

  function isTopic(text, match) {
    return search(tables.topicBefore, text.slice(0, match.index)) ||
      search(tables.topicAfter, text.slice(match.index + match[0].length));
  }

  /* ---------- the verdict (safety.SafetyDetector) ---------- */

  // One clause's cosine similarity with every row of an exemplar matrix (unit vectors).
  function similarities(vector, matrix) {
    const { rows, scales, codes, dimension } = matrix;
    const out = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      let dot = 0;
      const offset = row * dimension;
      for (let i = 0; i < dimension; i++) dot += vector[i] * codes[offset + i];
      out[row] = dot * scales[row];
    }
    return out;
  }

  // The mean of the k largest similarities (0 when there are no rows, as in Python).
  function topMean(similarity) {
    if (!similarity.length) return 0;
    const k = Math.min(tables.neighbours, similarity.length);
    const best = new Array(k).fill(-Infinity);
    for (const value of similarity) {
      if (value <= best[k - 1]) continue;
      let at = k - 1;
      while (at > 0 && best[at - 1] < value) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = value;
    }
    return best.reduce((sum, value) => sum + value, 0) / k;
  }

  function argmax(values) {
    let at = 0;
    for (let i = 1; i < values.length; i++) if (values[i] > values[at]) at = i;
    return at;
  }

  // A clause keeps only the risk categories the whole question (clauses[0]) also shows,
  // so a risk word the whole question puts in an idiom counts nowhere; most questions show
  // none, and then no clause is scanned (safety._cues_in_context).
  function cuesInContext(clauses) {
    const whole = cueCategories(clauses[0]);
    if (!whole.length) return clauses.map(() => []);
    return [whole, ...clauses.slice(1).map((clause) => cueCategories(clause).filter((c) => whole.includes(c)))];
  }

  // Two rows of similarities as one (the guide's exemplars, then the labelled sets').
  function joined(first, second) {
    const out = new Float64Array(first.length + second.length);
    out.set(first);
    out.set(second, first.length);
    return out;
  }

  // Similarities to look-alikes: a single zero when there are none, as in Python.
  function farFrom(vector, matrix) {
    return matrix.rows ? similarities(vector, matrix) : Float64Array.of(0);
  }

  // The strongest clause decides: its closeness to disclosures over look-alikes, plus a
  // bonus for a risk phrase in that clause, less a little for a short clause taken alone;
  // then, short of a flag but not far from one, the same with the labelled sets as well
  // (safety.SECOND_OPINION_FROM): they can add a flag, never remove one.
  function verdict(clauses, vectors) {
    if (!tables.disclosures.rows) return { flagged: false, score: 0, category: null, categories: [] };
    const cues = cuesInContext(clauses);
    const adjust = clauses.map((clause, i) => tables.cueBonus * (cues[i].length ? 1 : 0) -
      tables.shortClausePenalty * (i > 0 && words(clause).length < tables.shortClauseWords ? 1 : 0));
    let near = vectors.map((vector) => similarities(vector, tables.disclosures));
    const far = vectors.map((vector) => farFrom(vector, tables.lookalikes));
    let scores = vectors.map((_, i) => topMean(near[i]) - topMean(far[i]) + adjust[i]);
    let categories = tables.categories;
    // int8 vectors and the browser's embedding move scores slightly: err towards flagging
    const flagFrom = tables.threshold - tables.flagMargin;
    const top = Math.max(...scores);
    if (top >= tables.secondOpinionFrom - tables.flagMargin && top < flagFrom &&
        tables.labelledDisclosures.rows) {
      const both = vectors.map((vector, i) => joined(near[i], similarities(vector, tables.labelledDisclosures)));
      const second = vectors.map((vector, i) => topMean(both[i]) -
        topMean(joined(far[i], similarities(vector, tables.labelledLookalikes))) + adjust[i]);
      if (Math.max(...second) > top) {  // the stronger reading stands
        scores = second;
        near = both;
        categories = categories.concat(tables.labelledCategories);
      }
    }
    const best = argmax(scores);
    const category = cues[best].length ? cues[best][0] : categories[argmax(near[best])];
    const found = [...new Set(cues.flat())];  // risk phrases anywhere in the question
    const flagged = scores[best] >= flagFrom;
    return {
      flagged,
      // flagged near the threshold on closeness alone: perhaps an ordinary question (SafetyCheck.unsure)
      unsure: flagged && !found.length && scores[best] < tables.unsureBelow,
      score: Math.round(scores[best] * 1e4) / 1e4,
      category,
      categories: found.length ? found : [category],
    };
  }

  function recentQuestions(history) {
    return (history || []).slice(-tables.safetyTurns)
      .map((turn) => (typeof turn === "string" ? turn : turn.question))
      .filter((text) => typeof text === "string");
  }

  /* Verdicts for several texts, their clauses embedded in one batch. `known` maps a
   * lower-cased text to a vector the caller already has. */
  async function checkMany(texts, embed, known) {
    const groups = texts.map((text) => clausesOf(normalise(text)));
    const flat = groups.flat();
    const missing = [...new Set(flat.filter((clause) => !known.has(clause)))];
    const embedded = missing.length ? await embed(missing) : [];
    const vectorOf = new Map(missing.map((clause, i) => [clause, embedded[i]]));
    return groups.map((clauses) => verdict(clauses, clauses.map((c) => known.get(c) ?? vectorOf.get(c))));
  }

  /* The question, or one of the conversation's recent questions, touches on someone's
   * safety (Assistant.is_safety_question). */
  async function assess(question, embed, options) {
    requireLoaded();
    const { history, vector } = options || {};
    const known = new Map(vector ? [[question.toLowerCase(), vector]] : []);
    const checks = await checkMany([question, ...recentQuestions(history)], embed, known);
    const flagged = checks.find((check) => check.flagged && !check.unsure) ||
      checks.find((check) => check.flagged);
    const own = checks[0];
    return flagged ? { ...flagged, flagged: true, score: own.score } : own;
  }

  /* Before the model has loaded: flag when a risk phrase appears in any clause. It errs
   * towards flagging, as the full check does. */
  function assessLexical(question, options) {
    requireLoaded();
    const categories = new Set();
    for (const text of [question, ...recentQuestions((options || {}).history)]) {
      cueCategories(normalise(text)).forEach((c) => categories.add(c));
    }
    return { flagged: categories.size > 0, categories: [...categories], lexical: true };
  }

  function contactsBlock(n) {
    requireLoaded();
    return tables.contacts.lead.replace("{n}", String(n === undefined ? 1 : n)) + "\n\n" + tables.contacts.list;
  }

  function requireLoaded() {
    if (!tables) throw new Error("The safety check has not loaded yet: call MentorStaticSafety.load(bundleUrl) first.");
  }

  /* ---------- loading ---------- */

  function prepare(data, vectorBytes) {
    const space = "[" + data.whitespace + "]";
    const codes = new Int8Array(vectorBytes);
    const exemplars = data.exemplars;
    const dimension = exemplars.dimension;
    const expected = (exemplars.disclosures + exemplars.lookalikes +
      exemplars.labelled_disclosures + exemplars.labelled_lookalikes) * dimension;
    if (codes.length !== expected) {
      throw new Error(`The safety vectors are ${codes.length} bytes, expected ${expected}: rebuild the site.`);
    }
    const part = (from, rows) => ({
      rows, dimension,
      codes: codes.subarray(from * dimension, (from + rows) * dimension),
      scales: Float64Array.from(exemplars.scales.slice(from, from + rows)),
    });
    return {
      spaces: new RegExp(space + "+", "u"),
      stripEnds: new RegExp("^" + space + "+|" + space + "+$", "gu"),
      clauses: compile(data.clauses),
      contraction: compile(data.contraction),
      apostropheFree: new Map(Object.entries(data.apostrophe_free)),
      slang: data.slang.map(([pattern, replacement]) => [compile(pattern), replacement]),
      word: compile(data.word),
      riskWordList: data.risk_words,
      riskWords: new Set(data.risk_words),
      shortRiskTypos: new Map(Object.entries(data.short_risk_typos)),
      knownWords: new Set(data.known_words),
      englishWords: new Set(data.english_words),
      droppedG: new Map(Object.entries(data.dropped_g)),
      closest: new Map(),
      cues: data.cues.map(([category, pattern]) => [category, compile(pattern)]),
      ownStory: compile(data.own_story),
      topicBefore: compile(data.topic_before),
      topicAfter: compile(data.topic_after),
      idiom: compile(data.idiom),
      neighbours: data.neighbours,
      cueBonus: data.cue_bonus,
      threshold: data.threshold,
      flagMargin: data.flag_margin,
      secondOpinionFrom: data.second_opinion_from,
      unsureBelow: data.unsure_below,
      minClauseWords: data.min_clause_words,
      loneClauseWords: data.lone_clause_words,
      shortClauseWords: data.short_clause_words,
      shortClausePenalty: data.short_clause_penalty,
      safetyTurns: data.safety_turns,
      disclosures: part(0, exemplars.disclosures),
      lookalikes: part(exemplars.disclosures, exemplars.lookalikes),
      categories: exemplars.categories,
      labelledDisclosures: part(exemplars.disclosures + exemplars.lookalikes, exemplars.labelled_disclosures),
      labelledLookalikes: part(exemplars.disclosures + exemplars.lookalikes + exemplars.labelled_disclosures,
        exemplars.labelled_lookalikes),
      labelledCategories: exemplars.labelled_categories,
      contacts: data.contacts,
    };
  }

  async function fetchOk(url, kind) {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(`The safety check could not load ${url.pathname} (HTTP ${response.status}): rebuild the site with mentor-assistant build.`);
    }
    return kind === "json" ? response.json() : response.arrayBuffer();
  }

  function load(bundleUrl) {
    if (!loading) {
      const base = new URL(bundleUrl || "assistant-bundle/", window.location.href);
      const base_ = base.href.endsWith("/") ? base : new URL(base.href + "/");
      loading = fetchOk(new URL("safety.json", base_), "json")
        .then((data) => fetchOk(new URL(data.exemplars.file, base_), "bytes")
          .then((bytes) => { tables = prepare(data, bytes); }))
        .catch((error) => { loading = null; throw error; });
    }
    return loading;
  }

  window.MentorStaticSafety = {
    load,
    assess,
    assessLexical,
    contactsBlock,
    get ready() { return tables !== null; },
    get contacts() { requireLoaded(); return tables.contacts.rows; },
    // The steps on their own, for the parity tests.
    normalise: (text) => { requireLoaded(); return normalise(text); },
    clausesOf: (text) => { requireLoaded(); return clausesOf(text); },
    cueCategories: (text) => { requireLoaded(); return cueCategories(text); },
    // A translated pattern's matches as Python's finditer finds them: [[index, text], ...].
    findAll: (spec, text) => [...matches(compile(spec), text)].map((m) => [m.index, m[0]]),
  };
})();
