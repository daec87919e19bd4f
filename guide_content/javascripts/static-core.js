/* The in-browser assistant's core: the guide's embedding model and retrieval,
 * without a server.
 *
 * Loaded only by the Ask and Plan pages (assistant.js injects it when
 * assistant-config.json says {"api": null}). It reads assistant-bundle/ from the
 * site itself (nothing else is fetched): the onnxruntime-web runtime, the int8
 * MiniLM model with its WordPiece vocabulary, and the index's sections.
 *
 * window.MentorStatic = { load(onProgress), lexicalReady, modelReady, embed(texts),
 *   search(question, {k, audience}), ask(question, {audience, history}), bundleUrl }
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var bundleUrl = new URL("../assistant-bundle/", script ? script.src : window.location.href).href;
  var MAX_TOKENS = 256;
  var MAX_WORD_CHARS = 100;

  /* ---------- WordPiece, as the Python BertWordPieceTokenizer (uncased) ---------- */

  var CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;
  var SPACE = /\p{White_Space}/u;
  var MARK = /\p{Mn}/u;
  var PUNCT = /\p{P}/u;

  function isCjk(code) {
    return (code >= 0x4E00 && code <= 0x9FFF) || (code >= 0x3400 && code <= 0x4DBF) ||
      (code >= 0x20000 && code <= 0x2A6DF) || (code >= 0x2A700 && code <= 0x2B73F) ||
      (code >= 0x2B740 && code <= 0x2B81F) || (code >= 0x2B820 && code <= 0x2CEAF) ||
      (code >= 0xF900 && code <= 0xFAFF) || (code >= 0x2F800 && code <= 0x2FA1F);
  }

  function isPunctuation(char) {
    var code = char.codePointAt(0);
    if ((code >= 33 && code <= 47) || (code >= 58 && code <= 64) ||
        (code >= 91 && code <= 96) || (code >= 123 && code <= 126)) return true;
    return PUNCT.test(char);
  }

  /* BertNormalizer: clean the text, pad CJK characters, strip accents, lowercase. */
  function normalise(text) {
    var out = "";
    for (var char of text) {
      var code = char.codePointAt(0);
      if (code === 0 || code === 0xFFFD) continue;
      if (char === "\t" || char === "\n" || char === "\r" || SPACE.test(char)) { out += " "; continue; }
      if (CONTROL.test(char)) continue;
      out += isCjk(code) ? " " + char + " " : char;
    }
    var stripped = "";
    for (var c of out.normalize("NFD")) if (!MARK.test(c)) stripped += c;
    return stripped.toLowerCase();
  }

  /* BertPreTokenizer: split on whitespace, each punctuation character its own word. */
  function preTokenise(text) {
    var words = [];
    var current = "";
    for (var char of text) {
      if (SPACE.test(char)) {
        if (current) words.push(current);
        current = "";
      } else if (isPunctuation(char)) {
        if (current) words.push(current);
        words.push(char);
        current = "";
      } else {
        current += char;
      }
    }
    if (current) words.push(current);
    return words;
  }

  function wordPiece(word, vocab, ids) {
    var chars = Array.from(word);
    if (chars.length > MAX_WORD_CHARS) { ids.push(vocab.get("[UNK]")); return; }
    var pieces = [];
    var start = 0;
    while (start < chars.length) {
      var end = chars.length;
      var found = null;
      while (start < end) {
        var piece = (start > 0 ? "##" : "") + chars.slice(start, end).join("");
        if (vocab.has(piece)) { found = vocab.get(piece); break; }
        end -= 1;
      }
      if (found === null) { ids.push(vocab.get("[UNK]")); return; }
      pieces.push(found);
      start = end;
    }
    pieces.forEach(function (id) { ids.push(id); });
  }

  function tokenise(text, vocab) {
    var ids = [];
    preTokenise(normalise(text)).forEach(function (word) { wordPiece(word, vocab, ids); });
    ids = ids.slice(0, MAX_TOKENS - 2);
    return [vocab.get("[CLS]")].concat(ids, [vocab.get("[SEP]")]);
  }

  function readVocab(text) {
    var vocab = new Map();
    text.split("\n").forEach(function (line, index) {
      var token = line.replace(/\r$/, "");
      if (token && !vocab.has(token)) vocab.set(token, index);
    });
    return vocab;
  }

  /* ---------- loading the bundle ---------- */

  var state = { vocab: null, session: null, data: null, loading: null };

  function fetchOk(name) {
    return fetch(bundleUrl + name).then(function (response) {
      if (!response.ok) throw new Error("the assistant's file " + name + " is missing from this copy of the guide");
      return response;
    });
  }

  function fetchWithProgress(name, bytes, onProgress) {
    return fetchOk(name).then(function (response) {
      if (!response.body || !bytes) return response.arrayBuffer();
      var reader = response.body.getReader();
      var chunks = [];
      var received = 0;
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) {
            var whole = new Uint8Array(received);
            var at = 0;
            chunks.forEach(function (part) { whole.set(part, at); at += part.length; });
            return whole.buffer;
          }
          chunks.push(chunk.value);
          received += chunk.value.length;
          onProgress(received, bytes);
          return pump();
        });
      }
      return pump();
    });
  }

  function injectScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("the WebAssembly runtime could not be loaded")); };
      document.head.appendChild(tag);
    });
  }

  function loadModel(manifest, onProgress) {
    var sizes = manifest.files;
    var total = sizes["model.onnx"].bytes;
    var modelDone = 0;
    var runtime = window.ort ? Promise.resolve() : injectScript(bundleUrl + "ort.wasm.min.js");
    var vocab = fetchOk("vocab.txt").then(function (r) { return r.text(); });
    var model = fetchWithProgress("model.onnx", sizes["model.onnx"].bytes, function (got) {
      modelDone = got;
      onProgress({ stage: "model", loaded: got, total: total });
    });
    return Promise.all([runtime, vocab, model]).then(function (parts) {
      var ort = window.ort;
      ort.env.wasm.numThreads = 1; // a static host gives no cross-origin isolation
      ort.env.wasm.proxy = false;
      ort.env.wasm.wasmPaths = bundleUrl;
      state.vocab = readVocab(parts[1]);
      onProgress({ stage: "runtime", loaded: modelDone, total: total });
      return ort.InferenceSession.create(new Uint8Array(parts[2]), {
        executionProviders: ["wasm"], graphOptimizationLevel: "all" });
    }).then(function (session) {
      state.session = session;
      api.modelReady = true;
      return embed(["warming up"]);
    });
  }

  function load(onProgress) {
    if (state.loading) return state.loading;
    var report = onProgress || function () {};
    state.loading = fetchOk("manifest.json").then(function (r) { return r.json(); })
      .then(function (manifest) {
        var lexical = loadRetrieval(manifest).then(function () {
          api.lexicalReady = true;
          report({ stage: "lexical" });
        });
        var model = loadModel(manifest, report);
        state.model = model;
        model.catch(function () {}); // reported by whoever awaits it
        return lexical.then(function () {
          return { lexical: true, model: model };
        });
      });
    return state.loading;
  }

  /* ---------- embeddings: mean pooling over the tokens, L2-normalised ---------- */

  var queue = Promise.resolve();

  function embedOne(text) {
    var ort = window.ort;
    var ids = tokenise(text, state.vocab);
    var n = ids.length;
    var idTensor = new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), [1, n]);
    var mask = new ort.Tensor("int64", new BigInt64Array(n).fill(1n), [1, n]);
    var types = new ort.Tensor("int64", new BigInt64Array(n), [1, n]);
    var feeds = { input_ids: idTensor, attention_mask: mask };
    if (state.session.inputNames.indexOf("token_type_ids") >= 0) feeds.token_type_ids = types;
    return state.session.run(feeds).then(function (outputs) {
      var hidden = outputs[state.session.outputNames[0]].data;
      var width = hidden.length / n;
      var pooled = new Float32Array(width);
      for (var t = 0; t < n; t++) for (var d = 0; d < width; d++) pooled[d] += hidden[t * width + d];
      var norm = 0;
      for (var i = 0; i < width; i++) { pooled[i] /= n; norm += pooled[i] * pooled[i]; }
      norm = Math.max(Math.sqrt(norm), 1e-12);
      for (var j = 0; j < width; j++) pooled[j] /= norm;
      return pooled;
    });
  }

  /* One run at a time: onnxruntime-web's session is not re-entrant. */
  function embed(texts) {
    if (!state.session) return Promise.reject(new Error("the language model has not loaded yet"));
    var results = [];
    texts.forEach(function (text) {
      queue = queue.then(function () { return embedOne(text); }).then(function (v) { results.push(v); });
    });
    var done = queue.then(function () { return results; });
    queue = done.catch(function () {});
    return done;
  }

  /* ---------- the index: chunks, vectors, BM25 (as retrieval.py and lexical.py) ---------- */

  var WORDCHAR = "[\\p{L}\\p{N}_]";

  function loadRetrieval() {
    return Promise.all([
      fetchOk("retrieval.json").then(function (r) { return r.json(); }),
      fetchOk("vectors.bin").then(function (r) { return r.arrayBuffer(); }),
    ]).then(function (parts) { state.data = prepare(parts[0], parts[1]); });
  }

  function prepare(data, buffer) {
    var rows = data.vectors.rows;
    var index = {
      data: data, chunks: data.chunks, constants: data.constants, dimension: data.vectors.dimension,
      values: dequantise(new Float32Array(buffer, 0, rows), new Int8Array(buffer, rows * 4),
        data.vectors.dimension),
      position: new Map(), byPage: new Map(),
      questions: data.questions, sections: data.sections,
    };
    data.chunks.forEach(function (chunk, row) {
      chunk.row = row;
      index.position.set(chunk.id, row);
      if (!index.byPage.has(chunk.path)) index.byPage.set(chunk.path, []);
      index.byPage.get(chunk.path).push(chunk);
    });
    index.bm25 = prepareBm25(data.lexical, data.chunks.length);
    var p = data.patterns;
    index.aliases = data.aliases.map(function (entry) {
      return [entry[0], aliasPattern(entry[1], p.aliasGap)];
    });
    index.followUp = new RegExp(p.followUp, "i");
    index.roleSaid = compileAll(p.roleSaid, "i");
    index.roleHints = compileAll(p.roleHints, "i");
    index.roleSaidAll = compileAll(p.roleSaid, "gi");
    index.asksFor = compileAll(p.asksFor, "i");
    return index;
  }

  /* int8 rows times their scales, once: float dot products are faster to run. */
  function dequantise(scales, values, dimension) {
    var out = new Float32Array(values.length);
    for (var row = 0; row < scales.length; row++) {
      var base = row * dimension, scale = scales[row];
      for (var i = 0; i < dimension; i++) out[base + i] = values[base + i] * scale;
    }
    return out;
  }

  function compileAll(sources, flags) {
    return Object.keys(sources).map(function (name) { return [name, new RegExp(sources[name], flags)]; });
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* ``gap`` goes between a phrase's words: spaces and perhaps a pronoun (aliases.GAP). */
  function aliasPattern(words, gap) {
    var alternatives = words.slice().sort(function (a, b) { return b.length - a.length; })
      .map(function (w) { return w.split(/\s+/).filter(Boolean).map(escapeRegExp).join(gap); });
    return new RegExp("(?<![" + WORDCHAR.slice(1, -1) + "'])(" + alternatives.join("|") + ")(?![" +
      WORDCHAR.slice(1, -1) + "'])", "iu");
  }

  /* The question with the guide's term added for each people's word it uses (aliases.py). */
  function expand(index, question) {
    var lower = question.toLowerCase();
    var extra = index.aliases.filter(function (entry) {
      return entry[1].test(question) && lower.indexOf(entry[0].toLowerCase()) < 0;
    }).map(function (entry) { return entry[0]; });
    return extra.length ? question + " (" + extra.join("; ") + ")" : question;
  }

  function dotRow(index, row, query) {
    var d = index.dimension, values = index.values, base = row * d;
    var a = 0, b = 0, c = 0, e = 0;
    for (var i = 0; i < d; i += 4) {
      a += values[base + i] * query[i];
      b += values[base + i + 1] * query[i + 1];
      c += values[base + i + 2] * query[i + 2];
      e += values[base + i + 3] * query[i + 3];
    }
    return (a + b) + (c + e);
  }

  /* Each chunk's cosine with its text or, when higher, the mean cosine of the two questions
   * written for its section that come closest (ties with the best count once), as
   * LoadedIndex.similarities and mean_of_best_two in retrieval.py. */
  function similarities(index, query) {
    if (index.lastQuery === query) return index.lastSimilarities;
    var n = index.chunks.length;
    var text = new Float64Array(n);
    for (var r = 0; r < n; r++) text[r] = dotRow(index, r, query);
    var best = new Float64Array(n).fill(-Infinity);
    var second = new Float64Array(n).fill(-Infinity);
    index.questions.forEach(function (link) {
      var s = dotRow(index, link[0], query);
      for (var j = 1; j < link.length; j++) {
        var row = link[j];
        if (s > best[row]) { second[row] = best[row]; best[row] = s; }
        else if (s < best[row] && s > second[row]) second[row] = s;
      }
    });
    var sims = Float64Array.from(text);
    for (var k = 0; k < n; k++) {
      var asked = isFinite(second[k]) ? (best[k] + second[k]) / 2 : best[k];
      if (asked > sims[k]) sims[k] = asked;
    }
    index.lastQuery = query;
    index.lastSimilarities = sims;
    index.lastTextSimilarities = text;
    return sims;
  }

  function textSimilarity(index, row, query) {
    if (index.lastQuery !== query) similarities(index, query);
    return index.lastTextSimilarities[row];
  }

  /* ---------- BM25 ---------- */

  function prepareBm25(lexical, size) {
    var lengths = lexical.lengths;
    var average = lengths.length ? lengths.reduce(function (a, b) { return a + b; }, 0) / lengths.length : 1;
    var norm = lengths.map(function (length) {
      return lexical.k1 * (1 - lexical.b + lexical.b * length / (average || 1));
    });
    var idf = {};
    Object.keys(lexical.postings).forEach(function (term) {
      var df = lexical.postings[term].length / 2;
      idf[term] = Math.log(1 + (size - df + 0.5) / (df + 0.5));
    });
    return { k1: lexical.k1, norm: norm, idf: idf, postings: lexical.postings, size: size,
      word: new RegExp(lexical.word, "g"), stopwords: new Set(lexical.stopwords),
      stems: lexical.stems, known: new Set(lexical.words) };
  }

  var SUFFIXES = ["ational", "ations", "ation", "ments", "ment", "ness", "ings", "ing", "edly",
    "ies", "ied", "ful", "ers", "ed", "er", "ly", "es", "s", "e", "y"];

  /* The Snowball stem of a guide word; for other words, the first suffix-stripped form
   * that is one of the guide's stems (an unknown stem matches nothing anyway). */
  function stem(bm25, word) {
    if (bm25.known.has(word)) return bm25.stems[word] || word;
    if (bm25.postings[word]) return word;
    for (var i = 0; i < SUFFIXES.length; i++) {
      var suffix = SUFFIXES[i];
      if (word.length - suffix.length < 3 || word.slice(-suffix.length) !== suffix) continue;
      var base = word.slice(0, -suffix.length);
      var candidates = [base];
      if (/^(ies|ied)$/.test(suffix)) candidates.push(base + "i", base + "y");
      if (/^(ing|ings|ed|edly|er|ers|es|ation|ations)$/.test(suffix)) {
        candidates.push(base + "e", base.replace(/(.)\1$/, "$1"));
      }
      for (var j = 0; j < candidates.length; j++) {
        var c = candidates[j];
        if (bm25.known.has(c)) return bm25.stems[c] || c;
        if (bm25.postings[c]) return c;
      }
    }
    return word;
  }

  function lexicalTerms(bm25, text) {
    var words = text.toLowerCase().replace(/'/g, "").match(bm25.word) || [];
    return words.filter(function (w) { return !bm25.stopwords.has(w); })
      .map(function (w) { return stem(bm25, w); });
  }

  function bm25Scores(bm25, query) {
    var total = new Float64Array(bm25.size);
    new Set(lexicalTerms(bm25, query)).forEach(function (term) {
      var posting = bm25.postings[term];
      if (!posting) return;
      var idf = bm25.idf[term], k1 = bm25.k1;
      for (var i = 0; i < posting.length; i += 2) {
        var doc = posting[i], tf = posting[i + 1];
        total[doc] += idf * tf * (k1 + 1) / (tf + bm25.norm[doc]);
      }
    });
    return total;
  }

  /* ---------- retrieve(), hybrid fusion, prefer_role, diversify (retrieval.py) ---------- */

  function hit(index, row, score, dense) {
    var c = index.chunks[row];
    return { id: c.id, path: c.path, title: c.title, heading: c.heading, anchor: c.anchor,
      url: c.url, audience: c.audience, kinds: c.kinds, score: score,
      dense_score: dense === undefined ? null : dense, row: row };
  }

  function forAudience(index, row, audience) {
    return !audience || index.chunks[row].audience.indexOf(audience) >= 0;
  }

  function byScore(a, b) { return b.score - a.score; }

  function dense(index, query, audience) {
    var sims = similarities(index, query);
    var rows = [];
    for (var r = 0; r < sims.length; r++) if (forAudience(index, r, audience)) rows.push(r);
    rows.sort(function (a, b) { return sims[b] - sims[a] || a - b; });
    return rows.slice(0, index.constants.candidates).map(function (r) { return hit(index, r, sims[r], sims[r]); });
  }

  function lexical(index, query, audience) {
    var scores = bm25Scores(index.bm25, query);
    var rows = [];
    for (var r = 0; r < scores.length; r++) if (scores[r] > 0 && forAudience(index, r, audience)) rows.push(r);
    rows.sort(function (a, b) { return scores[b] - scores[a]; });
    return rows.slice(0, index.constants.candidates).map(function (r) { return hit(index, r, scores[r]); });
  }

  function fuse(index, denseHits, lexicalHits, query) {
    var k = index.constants;
    var top = lexicalHits.reduce(function (m, h) { return Math.max(m, h.score); }, 0) || 1;
    var lexicalPart = new Map(lexicalHits.map(function (h) { return [h.row, k.lexicalWeight * h.score / top]; }));
    var cosine = new Map(denseHits.map(function (h) { return [h.row, h.score]; }));
    if (lexicalHits.some(function (h) { return !cosine.has(h.row); })) {
      var sims = similarities(index, query);
      lexicalHits.forEach(function (h) { if (!cosine.has(h.row)) cosine.set(h.row, sims[h.row]); });
    }
    var best = Math.max.apply(null, Array.from(cosine.values()).concat([0]));
    var fused = [];
    cosine.forEach(function (value, row) {
      var bonus = value >= best - k.clearLead ? (lexicalPart.get(row) || 0) : 0;
      fused.push(hit(index, row, value + bonus, value));
    });
    return fused.sort(byScore);
  }

  function isFiller(index, h) {
    return h.kinds.length > 0 && h.kinds.every(function (kind) { return index.constants.filler.indexOf(kind) >= 0; });
  }

  function preferRole(index, ranked, role, askedFor) {
    var k = index.constants;
    return ranked.map(function (h) {
      var bonus = role && h.audience.indexOf(role) >= 0 ? k.roleBonus : 0;
      if (isFiller(index, h)) {
        bonus += h.kinds.some(function (kind) { return askedFor.has(kind); }) ? k.fillerPenalty : -k.fillerPenalty;
      }
      return Object.assign({}, h, { score: h.score + bonus });
    }).sort(byScore);
  }

  function diversify(ranked, k, perPage) {
    var picked = [], perPath = new Map(), agendas = new Set(), sections = new Set();
    for (var i = 0; i < ranked.length && picked.length < k; i++) {
      var h = ranked[i], section = h.path + "#" + h.anchor, agenda = h.kinds.indexOf("agenda") >= 0;
      if ((perPath.get(h.path) || 0) >= perPage || sections.has(section) || (agenda && agendas.has(h.path))) continue;
      picked.push(h);
      perPath.set(h.path, (perPath.get(h.path) || 0) + 1);
      if (agenda) agendas.add(h.path);
      sections.add(section);
    }
    return picked;
  }

  function retrieve(index, query, k, retriever, audience, vector, prefer, askedFor) {
    var denseHits = retriever !== "lexical" ? dense(index, vector, audience) : [];
    var lexicalHits = retriever !== "dense" ? lexical(index, query, audience) : [];
    var ranked = retriever === "dense" ? denseHits : retriever === "lexical" ? lexicalHits
      : fuse(index, denseHits, lexicalHits, vector);
    ranked = preferRole(index, ranked, prefer, askedFor);
    return diversify(ranked, k, index.constants.perPage);
  }

  function bestSimilarity(index, vector, audience) {
    var best = -Infinity;
    for (var r = 0; r < index.chunks.length; r++) {
      if (forAudience(index, r, audience)) best = Math.max(best, textSimilarity(index, r, vector));
    }
    return best === -Infinity ? 0 : best;
  }

  /* ---------- who asks, and about what (asker.py) ---------- */

  function wordCount(text) { return text.split(/\s+/).filter(Boolean).length; }

  function firstMatch(patterns, text) {
    for (var i = 0; i < patterns.length; i++) if (patterns[i][1].test(text)) return patterns[i][0];
    return null;
  }

  function inferRole(index, question) {
    return firstMatch(index.roleSaid, question) || firstMatch(index.roleHints, question);
  }

  function saidRole(index, question) { return firstMatch(index.roleSaid, question); }

  function isFollowUp(index, question, earlier) {
    return earlier.length > 0 && (wordCount(question) <= 12 || index.followUp.test(question) ||
      saidRole(index, question) !== null);
  }

  function withoutRole(index, question) {
    index.roleSaidAll.forEach(function (entry) { question = question.replace(entry[1], " "); });
    return question.split(/\s+/).filter(Boolean).join(" ");
  }

  function topic(index, earlier) {
    var recent = earlier.slice(-index.constants.topicTurns);
    for (var start = recent.length - 1; start >= 0; start--) {
      if (!isFollowUp(index, recent[start], recent.slice(0, start)) || start === 0) {
        return recent.slice(start).map(function (q) { return withoutRole(index, q); });
      }
    }
    return recent;
  }

  function asking(index, question, earlier, audience) {
    var followUp = isFollowUp(index, question, earlier);
    var query = (followUp ? topic(index, earlier) : []).concat([question]).join(" ");
    var said = saidRole(index, question);
    var role = said || inferRole(index, question);
    if (role === null && followUp) {
      var reversed = earlier.slice().reverse();
      said = reversed.map(function (q) { return saidRole(index, q); }).filter(Boolean)[0] || null;
      role = said || reversed.map(function (q) { return inferRole(index, q); }).filter(Boolean)[0] || null;
    }
    role = role || audience || null;
    var explicit = Boolean(said) || (audience != null && role === audience);
    return { query: query, role: role, followUp: followUp, explicit: explicit };
  }

  function wantedKinds(index, question) {
    return new Set(index.asksFor.filter(function (e) { return e[1].test(question); }).map(function (e) { return e[0]; }));
  }

  /* ---------- passages (passages.py, section_passages.py) ---------- */

  function blockScorer(index, vector) {
    var known = new Map();
    return function (block) {
      if (!vector || !block.sentences.length) return 0;
      if (!known.has(block)) {
        known.set(block, Math.max.apply(null, block.sentences.map(function (row) { return dotRow(index, row, vector); })));
      }
      return known.get(block);
    };
  }

  function quotable(block, asked, headed) {
    if (block.kind === "agenda") return headed;
    if (block.kind === "intro" || block.kind === "pointer") return false;
    return (block.kind !== "scenario" && block.kind !== "pitfalls") || asked.has(block.kind);
  }

  function sumWords(blocks) { return blocks.reduce(function (n, b) { return n + b.words; }, 0); }

  function sortedBy(items, key) {
    return items.map(function (item, i) { return [key(item), i, item]; })
      .sort(function (a, b) {
        for (var j = 0; j < a[0].length; j++) if (a[0][j] !== b[0][j]) return a[0][j] < b[0][j] ? -1 : 1;
        return a[1] - b[1];
      }).map(function (entry) { return entry[2]; });
  }

  function bestPassage(index, section, question, score, named) {
    var k = index.constants;
    var asked = wantedKinds(index, question);
    var blocks = section.blocks.filter(function (b) { return quotable(b, asked, section.headed); });
    if (!blocks.length) return null;
    if (sumWords(blocks) <= k.wholeSectionWords) return passage(index, blocks, true);
    var structured = blocks.filter(function (b) { return k.actionable.indexOf(b.kind) >= 0 || asked.has(b.kind); });
    var chosen;
    if (structured.length) {
      var best = structured[0];
      structured.forEach(function (b) { if (score(b) > score(best)) best = b; });
      chosen = [best];
      if (sumWords(structured) <= k.passageWords && structured.length > 1) chosen = structured.slice();
      else if (best.words < k.shortBlockWords) chosen = addBest(chosen, blocks, score, k.passageWords, structured);
      else chosen = addComplement(index, best, structured, score);
    } else {
      chosen = bestParagraphs(index, blocks, score);
    }
    chosen = addNamed(index, chosen, blocks, named || []);
    return passage(index, blocks.filter(function (b) { return chosen.indexOf(b) >= 0; }), false);
  }

  /* The one later block that names the question's situation in the guide's term, when no
     chosen block does and it fits (passages._add_named). */
  function addNamed(index, chosen, blocks, named) {
    for (var i = 0; i < named.length; i++) {
      var pattern = new RegExp("\\b" + escapeRegExp(named[i]) + "\\b", "i");
      var test = function (b) { return pattern.test(b.markdown); };
      if (chosen.some(test)) continue;
      var naming = blocks.slice(1).filter(test);
      if (naming.length === 1 && sumWords(chosen) + naming[0].words <= index.constants.passageWords) {
        return chosen.concat([naming[0]]);
      }
    }
    return chosen;
  }

  /* The guide's terms for what the question says in people's words (Aliases.named). */
  function namedTerms(index, question) {
    return index.aliases.filter(function (entry) { return entry[1].test(question); })
      .map(function (entry) { return entry[0]; });
  }

  /* What to do beside what to say: the closest block's partner list, when both fit
     (passages._add_complement). */
  function addComplement(index, best, structured, score) {
    var wanted = index.constants.complements[best.kind] || [];
    var partners = structured.filter(function (b) { return wanted.indexOf(b.kind) >= 0; });
    if (!partners.length) return [best];
    var partner = partners[0];
    partners.forEach(function (b) { if (score(b) > score(partner)) partner = b; });
    return best.words + partner.words <= index.constants.passageWords ? [best, partner] : [best];
  }

  function addBest(chosen, blocks, score, limit, prefer) {
    var rest = sortedBy(blocks.filter(function (b) { return chosen.indexOf(b) < 0; }), function (b) {
      return [prefer.indexOf(b) < 0 ? 1 : 0, -score(b)];
    });
    var total = sumWords(chosen);
    for (var i = 0; i < rest.length; i++) if (total + rest[i].words <= limit) return chosen.concat([rest[i]]);
    return chosen;
  }

  function bestParagraphs(index, blocks, score) {
    var k = index.constants, chosen = [];
    var ordered = sortedBy(blocks, function (b) { return [-score(b)]; });
    for (var i = 0; i < ordered.length; i++) {
      var block = ordered[i];
      if (chosen.length && sumWords(chosen) + block.words > k.passageWords) continue;
      chosen.push(block);
      if (sumWords(chosen) >= k.minParagraphWords || chosen.length === 3) break;
    }
    return chosen;
  }

  function passage(index, blocks, whole) {
    var text = blocks.map(function (b) { return b.markdown; }).join("\n\n");
    var markdown = trimList(text, index.constants.passageWords + 150);
    return { markdown: markdown, kinds: blocks.map(function (b) { return b.kind; }), whole: whole,
      words: wordCount(markdown) };
  }

  function trimList(markdown, limit) {
    if (wordCount(markdown) <= limit) return markdown;
    var kept = [], words = 0, lines = markdown.split("\n");
    for (var i = 0; i < lines.length; i++) {
      words += wordCount(lines[i]);
      if (words > limit && /^\s*([-*+]|\d+\.|\|)\s/.test(lines[i])) break;
      kept.push(lines[i]);
    }
    return kept.join("\n").replace(/\s+$/, "");
  }

  function sectionPassages(index, hits, question, vector) {
    var score = blockScorer(index, vector), named = namedTerms(index, question);
    return hits.map(function (h) {
      var section = index.sections[h.anchor ? h.path + "#" + h.anchor : h.id];
      return section ? bestPassage(index, section, question, score, named) : null;
    });
  }

  /* ---------- the answer (answer.py, assistant.py) ---------- */

  function numberSources(hits) {
    return hits.map(function (h, i) {
      return { n: i + 1, title: h.title, heading: h.heading, url: h.url, path: h.path,
        score: Math.round(h.score * 1e4) / 1e4, text: state.data.chunks[h.row].text, row: h.row };
    });
  }

  function addsTo(index, sources, passages, quoted, i) {
    var k = index.constants, lead = passages[quoted[0]], candidate = passages[i];
    if (!lead || !candidate || lead.words + candidate.words > k.answerWords) return false;
    var margin = lead.words < k.thinLeadWords ? k.thinMargin : k.secondMargin;
    if (explainsOnly(lead) && sources[i].path === sources[quoted[0]].path &&
        candidate.kinds.some(function (kind) { return k.actionable.indexOf(kind) >= 0; })) {
      margin = Math.max(margin, k.siblingMargin);
    }
    if (sources[i].score < sources[quoted[0]].score - margin) return false;
    var mine = new Set(candidate.markdown.toLowerCase().split(/\s+/).filter(Boolean));
    var theirs = new Set(lead.markdown.toLowerCase().split(/\s+/).filter(Boolean));
    var shared = 0;
    mine.forEach(function (w) { if (theirs.has(w)) shared += 1; });
    return shared <= k.secondMaxOverlap * mine.size;
  }

  /* Whether a quoted passage already reads on into source i's section (answer._read_into). */
  function readInto(sources, passages, quoted, i) {
    var leadIn = "\n" + sources[i].heading + ":\n";
    return quoted.some(function (q) {
      return passages[q] && sources[q].path === sources[i].path &&
        passages[q].markdown.indexOf(leadIn) >= 0;
    });
  }

  function explainsOnly(passage) {
    return passage.kinds.every(function (kind) { return kind === "prose"; });
  }

  /* Candidates for a second passage, best first; after a lead that only explains, its own
     page's advice comes before other pages (answer._second_candidates). */
  function secondCandidates(sources, passages, order) {
    var rest = order.slice(1), lead = passages[order[0]];
    if (!lead || !explainsOnly(lead)) return rest;
    var page = sources[order[0]].path;
    return rest.filter(function (i) { return sources[i].path === page; })
      .concat(rest.filter(function (i) { return sources[i].path !== page; }));
  }

  function composePassages(index, sources, passages, firstNumber, second, also) {
    var k = index.constants;
    if (!sources.length) return { text: k.notice, used: [] };
    var order = [];
    passages.forEach(function (p, i) { if (p) order.push(i); });
    if (!order.length) {
      order = [0];
      var fallback = index.chunks[sources[0].row].fallback;
      passages = [{ markdown: fallback, kinds: [], whole: false, words: wordCount(fallback) }].concat(passages.slice(1));
    }
    var quoted = [order[0]];
    if (also !== null && also !== undefined && also !== order[0] && passages[also]) quoted.push(also);
    if (second) {
      var candidates = secondCandidates(sources, passages, order);
      for (var j = 0; j < candidates.length; j++) {
        if (addsTo(index, sources, passages, quoted, candidates[j])) {
          quoted.push(candidates[j]);
          break;
        }
      }
    }
    var rest = sources.map(function (_, i) { return i; }).filter(function (i) {
      return quoted.indexOf(i) < 0 && !readInto(sources, passages, quoted, i);
    }).slice(0, k.seeAlso);
    var numbered = {};
    quoted.concat(rest).forEach(function (i, n) { numbered[i] = firstNumber + n; });
    var parts = [k.notice];
    quoted.forEach(function (i) {
      parts.push("**" + sources[i].title + " › " + sources[i].heading + "** [" + numbered[i] + "]\n\n" + passages[i].markdown);
    });
    if (rest.length) {
      parts.push("See also:\n" + rest.map(function (i) {
        return "- " + sources[i].title + " › " + sources[i].heading + " [" + numbered[i] + "]";
      }).join("\n"));
    }
    var used = quoted.concat(rest).map(function (i) { return Object.assign({}, sources[i], { n: numbered[i] }); });
    return { text: parts.join("\n\n"), used: used };
  }

  function escalationFirst(index, hits, vector) {
    var e = index.data.escalation, page = index.byPage.get(e.page) || [];
    var lead = page.filter(function (c) { return c.anchor === e.anchor; }).slice(0, 1)
      .map(function (c) { return hit(index, c.row, 1); });
    var others = page.filter(function (c) { return c.anchor && c.anchor !== e.anchor; });  // not the intro
    if (vector && others.length) {
      var best = others[0];
      others.forEach(function (c) {
        if (textSimilarity(index, c.row, vector) > textSimilarity(index, best.row, vector)) best = c;
      });
      lead.push(hit(index, best.row, 1));
    }
    var ids = new Set(lead.map(function (h) { return h.id; }));
    return lead.concat(hits.filter(function (h) { return !ids.has(h.id); }));
  }

  function contactsBlock(index, n) {
    var e = index.data.escalation;
    return e.lead.replace("{n}", String(n)) + "\n\n" + e.contacts;
  }

  /* A safety answer leads with the contacts, then one passage from the escalation page,
     and, when the flag is unsure, the question's own (Assistant._extractive). */
  function extractive(index, question, sources, passages, flags, mode, unsure) {
    var lead = flags.indexOf("safety") >= 0 && sources.length ? sources[0] : null;
    var skip = lead ? 1 : 0;
    var rest = sources.slice(skip), restPassages = passages.slice(skip);
    var own = lead && unsure ? ownPassage(index, rest, restPassages) : null;
    var composed = composePassages(index, rest, restPassages, lead ? 2 : 1, !lead, own);
    var text = lead ? contactsBlock(index, lead.n) + "\n\n" + composed.text : composed.text;
    var used = lead ? [lead].concat(composed.used) : composed.used;
    return answerJson(question, mode, text, flags, used);
  }

  /* The first source off the escalation page with a passage to quote (assistant._own_passage). */
  function ownPassage(index, sources, passages) {
    for (var i = 0; i < sources.length; i++) {
      if (passages[i] && sources[i].path !== index.data.escalation.page) return i;
    }
    return null;
  }

  function answerJson(question, mode, text, flags, sources) {
    return { question: question, mode: mode, answer: text, flags: flags,
      sources: sources.map(function (s) {
        return { n: s.n, title: s.title, heading: s.heading, url: s.url, path: s.path, score: s.score, text: s.text };
      }) };
  }

  function outOfScopeText(index, nearest) {
    return [index.constants.outOfScopeLead].concat(nearest.map(function (s) {
      return "- " + s.title + " › " + s.heading + " [" + s.n + "]";
    })).join("\n");
  }

  function checkQuestion(index, question) {
    var text = typeof question === "string" ? question.trim() : "";
    if (!text) throw new Error("The question is empty: type a question, e.g. 'How do I build trust with a new mentee?'");
    if (question.length > index.constants.maxQuestionChars) {
      throw new Error("The question is " + question.length + " characters long; the limit is " +
        index.constants.maxQuestionChars + ". Shorten it to the essentials.");
    }
    return text;
  }

  /* Safety: the safety module's check when it is on the page (lexical until the model
     loads): "sure", "unsure" (flagged near the threshold on closeness alone) or false
     (Assistant.safety_reading). */
  function safetyFlag(texts) {
    var safety = window.MentorStaticSafety;
    if (!safety) return Promise.resolve(false);
    if (!state.safetyLoading) state.safetyLoading = Promise.resolve(safety.load(bundleUrl));
    return state.safetyLoading.then(function () {
      return Promise.all(texts.map(function (text) {
        return api.modelReady ? safety.assess(text, embed) : safety.assessLexical(text);
      }));
    }).then(function (checks) {
      var flagged = checks.filter(function (c) { return c && c.flagged; });
      if (flagged.some(function (c) { return !c.unsure; })) return "sure";
      return flagged.length ? "unsure" : false;
    });
  }

  function ranked(index, asked, query, vector, k, retriever) {
    var audience = asked.explicit ? asked.role : null;
    var wanted = wantedKinds(index, asked.query);
    var hits = retrieve(index, query, k, retriever, audience, vector, asked.role, wanted);
    if (!hits.length && audience) hits = retrieve(index, query, k, retriever, null, vector, asked.role, wanted);
    return hits;
  }

  function ask(question, options) {
    options = options || {};
    return ready().then(function (index) {
      var text = checkQuestion(index, question);
      var history = (options.history || []).map(function (turn) { return turn.question; });
      var asked = asking(index, text, history, options.audience || null);
      var query = expand(index, asked.query);
      var vector = api.modelReady ? embed([query]).then(function (v) { return v[0]; }) : Promise.resolve(null);
      var recent = history.slice(-index.constants.safetyTurns);
      return Promise.all([vector, safetyFlag([text].concat(recent))]).then(function (parts) {
        var result = answerWith(index, text, asked, query, parts[0], parts[1]);
        if (!parts[0] && !parts[1] && state.model && window.MentorStaticSafety) {
          Object.defineProperty(result, "recheck", { value: recheckSafety(question, options) });
        }
        return result;
      });
    });
  }

  /* A word-match answer's safety check misses disclosures in ordinary words: once the model
   * has loaded, ask again, and resolve to the full answer if the full check flags safety
   * (else null), so that the page can lead with the contacts after all. */
  function recheckSafety(question, options) {
    return state.model.then(function () { return ask(question, options); })
      .then(function (full) { return full.flags.indexOf("safety") >= 0 ? full : null; },
        function () { return null; });
  }

  function answerWith(index, question, asked, query, vector, safety) {
    var k = index.constants;
    var mode = vector ? "browser" : "browser-lexical";
    var flags = safety ? ["safety"] : [];
    if (!safety && vector && bestSimilarity(index, vector, asked.explicit ? asked.role : null) < k.outOfScopeBelow) {
      flags = ["out_of_scope"];
    }
    var hits = ranked(index, asked, query, vector, k.answerSources, vector ? "hybrid" : "lexical");
    if (safety) hits = escalationFirst(index, hits, vector);
    hits = hits.slice(0, k.answerSources);
    var sources = numberSources(hits);
    if (flags.indexOf("out_of_scope") >= 0) {
      return answerJson(question, mode, outOfScopeText(index, sources.slice(0, 3)), flags, sources.slice(0, 3));
    }
    var passages = sectionPassages(index, hits, question, vector);
    sources = sources.map(function (s, i) {
      return passages[i] ? Object.assign({}, s, { text: passages[i].markdown }) : s;
    });
    return extractive(index, question, sources, passages, flags, mode, safety === "unsure");
  }

  function search(question, options) {
    options = options || {};
    return ready().then(function (index) {
      var text = checkQuestion(index, question);
      var query = expand(index, text);
      var vector = api.modelReady ? embed([query]).then(function (v) { return v[0]; }) : Promise.resolve(null);
      return vector.then(function (v) {
        var prefer = options.audience || inferRole(index, text);
        return retrieve(index, query, options.k || 5, v ? "hybrid" : "lexical", options.audience || null, v,
          prefer, wantedKinds(index, text)).map(function (h) {
          return { id: h.id, path: h.path, title: h.title, heading: h.heading, anchor: h.anchor,
            url: h.url, score: h.score };
        });
      });
    });
  }

  function ready() {
    if (state.data) return Promise.resolve(state.data);
    return load().then(function () { return state.data; });
  }

  var api = {
    bundleUrl: bundleUrl,
    lexicalReady: false,
    modelReady: false,
    load: load,
    embed: embed,
    search: search,
    ask: ask,
    tokenise: function (text) { return state.vocab ? tokenise(text, state.vocab) : null; },
  };
  window.MentorStatic = api;
})();
