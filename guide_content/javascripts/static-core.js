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
    var total = (sizes["model.onnx"] || {}).bytes + (sizes["ort-wasm-simd-threaded.wasm"] || {}).bytes;
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
      return embedOne("warming up");
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

  /* ---------- retrieval data: added with the retrieval part ---------- */

  function loadRetrieval() {
    return Promise.resolve();
  }

  var api = {
    bundleUrl: bundleUrl,
    lexicalReady: false,
    modelReady: false,
    load: load,
    embed: embed,
    tokenise: function (text) { return state.vocab ? tokenise(text, state.vocab) : null; },
  };
  window.MentorStatic = api;
})();
