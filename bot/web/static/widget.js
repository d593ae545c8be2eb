/* Zelfbeheer-adviseur web widget: a chat over Rasa's socket.io channel (socket.io-client 4).
 *
 * Safety: every text from the user or the bot goes into the page with textContent or as a text node; no
 * message text ever reaches innerHTML. Links are only made for http(s) URLs.
 * Persistence: the session id lives in localStorage; after a reload the conversation so far is read back from
 * Rasa's tracker through the page server (/api/history/<session>).
 */
(function () {
  "use strict";

  var STORAGE_KEY = "zelfbeheer-adviseur.session";

  // Labels, titles and texts of the advice come with the payload (knowledge/labels.py): written once, in the
  // knowledge layer. Where a payload lacks one (an older conversation), the value is shown as it is.
  var PROFIEL_VELDEN = [
    ["ruimte", "Ruimte"], ["initiatiefnemer", "Initiatief van"], ["bewonersrol", "Rol van bewoners"],
    ["kwetsbare_wijk", "Kwetsbare wijk"], ["corporatie_doel", "Eigen doelen organisatie"]
  ];
  var FOLLOW_UPS = ["Vertel meer over optie 1", "Wat zijn de valkuilen?", "Heb je voorbeelden?", "Geef een samenvatting"];

  var state = {
    socket: null,
    config: null,
    sessionId: null,
    historyLoaded: false,
    turn: { lastText: null, card: null },
    advice: null,          // the latest menukaart_advies payload
    extraWarnings: [],     // warnings sent on their own (type waarschuwing), newest last
    cardCount: 0,
    scrollTarget: null,
    ready: false,          // connected with a confirmed session: messages go out at once
    everConnected: false,  // before the first connection the advisor is still starting
    pending: [],           // messages typed before that, in order: {data, node}; sent once ready, never dropped
    lastBotItem: null      // the latest bot text, which a notice's `melding` payload marks
  };

  var el = {};

  // ---------------------------------------------------------------------------------------------- helpers
  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = value;
        else if (key === "className") node.className = value;
        else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function safeUrl(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      var url = new URL(value, window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  /** A source's label without the URL that some labels end with (the link carries it). */
  function sourceLabel(label, url) {
    var text = typeof label === "string" ? label.trim() : "";
    if (url && text.length > url.length && text.slice(-url.length) === url) {
      text = text.slice(0, -url.length).replace(/[\s,;:–-]+$/, "");
    }
    return text;
  }

  function sourceLine(label, url) {
    var href = safeUrl(url);
    var name = sourceLabel(label, url) || href || "onbekende bron";
    var link = href ? h("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: name }) : h("span", { text: name });
    return h("p", { className: "bron" }, ["Bron: ", link]);
  }

  function hIn(doc, tag, attrs, children) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
    });
    return node;
  }

  function shown(value) {
    if (value === true) return "ja";
    if (value === false) return "nee";
    if (value === null || value === undefined || value === "") return "onbekend";
    return String(value).replace(/_/g, " ");
  }

  /** A profile field of an advice payload in words: its label from the payload, else the value itself. */
  function profileValue(advice, key) {
    var labels = advice.profiel_labels || {};
    return labels[key] || shown((advice.profiel || {})[key]);
  }

  function warningTitle(w) {
    return w.titel || shown(w.code);
  }

  /** The next steps of an advice as list items (`make` builds the nodes, `cite` adds a source marker or null). */
  function stepItems(stappen, make, cite) {
    return (stappen || []).map(function (stap) {
      return make("li", { className: "stap", "data-id": stap.id || "" }, [
        stap.fase_label ? make("strong", { text: stap.fase_label + ": " }) : null,
        String(stap.tekst || ""),
        cite(stap)
      ]);
    });
  }

  function scheduleScroll(target) {
    if (target) state.scrollTarget = target;
    window.requestAnimationFrame(function () {
      var target = state.scrollTarget;
      if (target && target.isConnected) {
        target.scrollIntoView({ block: "start" });
      } else {
        el.log.scrollTop = el.log.scrollHeight;
      }
    });
  }

  /** Where a turn with a card should scroll to: the user's message that asked for it, so both are in view. */
  function turnStart(item) {
    var users = el.log.querySelectorAll(".msg-user");
    var last = users.length ? users[users.length - 1] : null;
    return last && last.offsetTop < item.offsetTop ? last : item;
  }

  // ---------------------------------------------------------------------------------------------- rendering
  function append(node) {
    el.log.appendChild(node);
    scheduleScroll();
    return node;
  }

  function systemNote(text) {
    return append(h("p", { className: "system-note", text: text }));
  }

  function clearQuickReplies() {
    Array.prototype.forEach.call(el.log.querySelectorAll(".quick-replies"), function (group) {
      group.remove();
    });
  }

  function quickReplies(replies) {
    var group = h("div", { className: "quick-replies", role: "group", "aria-label": "Snelle antwoorden" });
    replies.forEach(function (reply) {
      if (!reply || typeof reply.title !== "string") return;
      var button = h("button", { type: "button", className: "quick-reply", text: reply.title });
      button.addEventListener("click", function () {
        send(typeof reply.payload === "string" && reply.payload ? reply.payload : reply.title, reply.title);
      });
      group.appendChild(button);
    });
    return group;
  }

  function renderUser(text) {
    clearQuickReplies();
    state.turn = { lastText: null, card: null };
    state.scrollTarget = null;
    return append(h("div", { className: "msg msg-user" }, [
      h("span", { className: "sender", text: "Jij" }),
      h("div", { className: "bubble", text: text })
    ]));
  }

  function renderBotText(text, replies, live) {
    var item = h("div", { className: "msg msg-bot" }, [
      h("span", { className: "sender", text: "Adviseur" }),
      h("div", { className: "bubble", text: text })
    ]);
    if (replies && replies.length && live) item.appendChild(quickReplies(replies));
    append(item);
    state.turn.lastText = replies && replies.length ? null : { node: item, text: text };
    state.lastBotItem = item;
    return item;
  }

  /** A bot text just before a card says the same in prose: fold it into the card, behind "Toon als tekst". */
  function foldPreviousText(card, summary) {
    var previous = state.turn.lastText;
    state.turn.lastText = null;
    if (!previous || !previous.node.isConnected) return;
    previous.node.remove();
    if (summary) {
      card.appendChild(h("details", { className: "als-tekst" }, [
        h("summary", { text: summary }),
        h("p", { className: "plain", text: previous.text })
      ]));
    }
  }

  function warningCallout(w, headingLevel) {
    var id = "waarschuwing-" + (++state.cardCount);
    var body = h("div", { className: "callout-body" }, [
      h("p", { className: "callout-kicker", text: "Waarschuwing" }),
      h(headingLevel || "h3", { id: id, className: "callout-title", text: warningTitle(w) }),
      w.tekst ? h("p", { text: w.tekst }) : null,
      w.advies ? h("p", { className: "advies", text: w.advies }) : null,
      w.bron || w.bron_url ? sourceLine(w.bron, w.bron_url) : null
    ]);
    return h("aside", { className: "callout callout-waarschuwing", role: "note", "aria-labelledby": id,
      "data-code": w.code || "" }, [h("span", { className: "callout-icon", "aria-hidden": "true", text: "!" }), body]);
  }

  function downloadButton() {
    var button = h("button", { type: "button", className: "btn btn-primary download", text: "Download het advies" });
    button.addEventListener("click", downloadReport);
    return button;
  }

  function renderAdvice(payload, live) {
    state.advice = payload;
    state.extraWarnings = [];
    var id = "advies-" + (++state.cardCount);
    var chips = h("ul", { className: "profiel", "aria-label": "Profiel" }, PROFIEL_VELDEN.map(function (field) {
      return h("li", {}, [h("span", { className: "chip-label", text: field[1] + ": " }), profileValue(payload, field[0])]);
    }));
    var options = (payload.opties || []).map(function (optie, index) {
      var titleId = id + "-optie-" + (index + 1);
      var effort = optie.inspanning ? h("span", {
        className: "inspanning inspanning-" + String(optie.inspanning).replace(/[^a-z_]/g, ""),
        text: optie.inspanning_label || shown(optie.inspanning)
      }) : null;
      var facts = [["Rol van bewoners", optie.rol_label || (optie.rol ? shown(optie.rol) : null)], ["Inspanning", effort],
        ["Organisatie biedt", optie.organisatie_biedt], ["Bewoners doen", optie.bewoners_doen]]
        .filter(function (f) { return f[1]; })
        .map(function (f) { return h("div", {}, [h("dt", { text: f[0] }), h("dd", {}, [f[1]])]); });
      return h("li", { className: "optie", "data-id": optie.id || "" }, [
        h("article", { "aria-labelledby": titleId }, [
          h("div", { className: "optie-top" }, [
            h("span", { className: "rang", "aria-hidden": "true", text: String(index + 1) }),
            h("h3", { id: titleId, text: optie.titel || optie.id || "Optie" })
          ]),
          optie.waarom ? h("p", { className: "waarom" }, [h("strong", { text: "Waarom: " }), optie.waarom]) : null,
          facts.length ? h("dl", { className: "feiten" }, facts) : null,
          optie.bron || optie.bron_url ? sourceLine(optie.bron, optie.bron_url) : null
        ])
      ]);
    });
    var warnings = (payload.waarschuwingen || []).map(function (w) { return warningCallout(w, "h3"); });
    var steps = stepItems(payload.stappen, h, function (stap) {
      return stap.bron || stap.bron_url ? sourceLine(stap.bron, stap.bron_url) : null;
    });
    var stepsId = id + "-stappen";
    var card = h("section", { className: "card advies", "aria-labelledby": id }, [
      h("div", { className: "card-head" }, [
        h("h2", { id: id, text: "Advies uit de menukaart zelfbeheer" }),
        h("p", { className: "card-intro", text: payload.toelichting || "Opties uit de menukaart, de best passende eerst." }),
        chips
      ]),
      h("ol", { className: "opties", "aria-label": "Aanbevolen opties" }, options),
      steps.length ? h("div", { className: "card-steps" }, [
        h("h3", { id: stepsId, text: "Wat je nu kunt doen" }),
        h("ol", { className: "stappen", "aria-labelledby": stepsId }, steps)
      ]) : null,
      warnings.length ? h("div", { className: "card-warnings", role: "group", "aria-label": "Waarschuwingen" }, warnings) : null,
      h("div", { className: "card-actions" }, [downloadButton()])
    ]);
    var item = h("div", { className: "msg msg-bot msg-card" }, [h("span", { className: "sender", text: "Adviseur" }), card]);
    append(item);
    foldPreviousText(card, "Toon het advies als tekst");
    if (live) item.appendChild(quickReplies(FOLLOW_UPS.map(function (t) { return { title: t, payload: t }; })));
    state.turn.card = item;
    scheduleScroll(turnStart(item));
    el.downloadHeader.hidden = false;
    return item;
  }

  function renderWarning(payload) {
    var list = payload.waarschuwingen || [];
    var item = h("div", { className: "msg msg-bot msg-card" }, [h("span", { className: "sender", text: "Adviseur" })]);
    list.forEach(function (w) {
      item.appendChild(warningCallout(w, "h2"));
      state.extraWarnings.push(w);
    });
    append(item);
    var last = item.lastElementChild;
    if (last && last.classList.contains("callout")) foldPreviousText(last.querySelector(".callout-body"), "Toon als tekst");
    return item;
  }

  /** Minimal, safe Markdown: ## headings, **bold**, `code`, "- " and "1. " lists, paragraphs. */
  function markdown(text) {
    var root = h("div", { className: "md" });
    var list = null;
    function inline(line) {
      var parts = String(line).split(/(\*\*[^*]+\*\*|`[^`]+`)/g);
      return parts.filter(Boolean).map(function (part) {
        if (/^\*\*[^*]+\*\*$/.test(part)) return h("strong", { text: part.slice(2, -2) });
        if (/^`[^`]+`$/.test(part)) return h("code", { text: part.slice(1, -1) });
        return document.createTextNode(part);
      });
    }
    String(text || "").split("\n").forEach(function (line) {
      var m;
      if (!line.trim()) { list = null; return; }
      if ((m = /^#{1,6}\s+(.*)$/.exec(line))) { list = null; root.appendChild(h("h3", {}, inline(m[1]))); return; }
      if ((m = /^[-*]\s+(.*)$/.exec(line)) || (m = /^\d+\.\s+(.*)$/.exec(line))) {
        var tag = /^\d/.test(line) ? "ol" : "ul";
        if (!list || list.tagName.toLowerCase() !== tag) { list = h(tag); root.appendChild(list); }
        list.appendChild(h("li", {}, inline(m[1])));
        return;
      }
      list = null;
      root.appendChild(h("p", {}, inline(line)));
    });
    return root;
  }

  function renderSummary(payload) {
    if (payload.opties && !state.advice) {
      state.advice = { type: "menukaart_advies", profiel: payload.profiel || {}, opties: payload.opties,
        waarschuwingen: payload.waarschuwingen || [], stappen: payload.stappen || [],
        profiel_labels: payload.profiel_labels, toelichting: payload.toelichting };
    }
    var card = h("section", { className: "card samenvatting", "aria-label": "Samenvatting van het advies" }, [
      markdown(payload.markdown),
      h("div", { className: "card-actions" }, [downloadButton()])
    ]);
    var previous = state.turn.lastText;
    if (previous && previous.text.trim() === String(payload.markdown || "").trim()) foldPreviousText(card, null);
    var item = append(h("div", { className: "msg msg-bot msg-card" }, [h("span", { className: "sender", text: "Adviseur" }), card]));
    el.downloadHeader.hidden = !state.advice;
    scheduleScroll(turnStart(item));
    return item;
  }

  /** One bot message, live or from the history: {text, quick_replies|buttons, custom}. */
  function renderBot(message, live) {
    if (!message || typeof message !== "object") return;
    var replies = message.quick_replies || message.buttons;
    if (typeof message.text === "string" && message.text.trim()) renderBotText(message.text, replies, live);
    var custom = message.custom;
    if (custom && typeof custom === "object") {
      if (custom.type === "menukaart_advies") renderAdvice(custom, live);
      else if (custom.type === "waarschuwing") renderWarning(custom);
      else if (custom.type === "samenvatting") renderSummary(custom);
      else if (custom.type === "melding") markNotice(custom.code);
    }
  }

  /** A notice comes as its text, then `{custom: {type: "melding", code}}` alone: the text just shown becomes a
   *  notice (styled apart, announced, never folded into a card as "Toon als tekst"). */
  function markNotice(code) {
    var item = state.lastBotItem;
    if (!item || !item.isConnected) return;
    item.classList.add("msg-notice");
    item.setAttribute("data-melding", code || "");
    item.setAttribute("role", "status");
    if (state.turn.lastText && state.turn.lastText.node === item) state.turn.lastText = null;
  }

  // ---------------------------------------------------------------------------------------------- report
  function reportWarnings() {
    var seen = {};
    var all = [];
    ((state.advice && state.advice.waarschuwingen) || []).concat(state.extraWarnings).forEach(function (w) {
      var key = w.code || w.tekst;
      if (seen[key]) return;
      seen[key] = true;
      all.push(w);
    });
    return all;
  }

  var REPORT_CSS = [
    "body{font-family:Georgia,'Times New Roman',serif;color:#1d2521;max-width:48rem;margin:2rem auto;padding:0 1.25rem;line-height:1.5}",
    "h1{font-family:system-ui,Arial,sans-serif;color:#1f4d3a;margin-bottom:.2rem}",
    "h2{font-family:system-ui,Arial,sans-serif;color:#1f4d3a;border-bottom:2px solid #1f4d3a;padding-bottom:.2rem;margin-top:2rem}",
    "h3{font-family:system-ui,Arial,sans-serif;margin:0 0 .3rem}",
    ".meta{color:#4a5650;font-size:.95rem}",
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #d5ded8;vertical-align:top}th{width:12rem}",
    "ol.opties{padding-left:1.2rem}ol.opties>li{margin-bottom:1rem;page-break-inside:avoid;break-inside:avoid}",
    "dl{margin:.3rem 0}dt{font-weight:bold;float:left;clear:left;width:11rem}dd{margin:0 0 .25rem 11.5rem}",
    ".warning{border-left:5px solid #a14b0a;background:#fff8ee;padding:.6rem .9rem;margin:.8rem 0;page-break-inside:avoid;break-inside:avoid}",
    ".ref{font-size:.85em;color:#4a5650}",
    ".sources li{margin-bottom:.3rem;overflow-wrap:anywhere}",
    ".hint{background:#e8f3ec;padding:.5rem .8rem;border-radius:6px;font-family:system-ui,Arial,sans-serif;font-size:.9rem}",
    "footer{margin-top:2.5rem;font-size:.85rem;color:#4a5650}",
    "@media print{body{margin:0;max-width:none}.hint{display:none}a{color:inherit}@page{margin:18mm 16mm}}"
  ].join("\n");

  function buildReport() {
    var advice = state.advice;
    var doc = document.implementation.createHTMLDocument("Advies zelfbeheer");
    var make = function (tag, attrs, children) { return hIn(doc, tag, attrs, children); };
    doc.documentElement.setAttribute("lang", "nl");
    doc.head.appendChild(make("meta", { charset: "utf-8" }));
    doc.head.insertBefore(doc.head.lastChild, doc.head.firstChild);
    doc.head.appendChild(make("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }));
    var style = make("style");
    style.textContent = REPORT_CSS;
    doc.head.appendChild(style);

    var sources = [];
    function cite(label, url) {
      if (!label && !url) return null;
      var key = (label || "") + "|" + (url || "");
      var index = sources.findIndex(function (s) { return s.key === key; });
      if (index < 0) { sources.push({ key: key, label: sourceLabel(label, url) || url, url: safeUrl(url) }); index = sources.length - 1; }
      return make("span", { className: "ref", text: " [" + (index + 1) + "]" });
    }

    var now = new Date();
    var body = doc.body;
    body.appendChild(make("h1", { text: "Advies zelfbeheer door bewoners" }));
    body.appendChild(make("p", { className: "meta", text: "Opgesteld door de zelfbeheer-adviseur op " +
      now.toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" }) + " om " +
      now.toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" }) + "." }));
    body.appendChild(make("p", { className: "hint", text: "Afdrukken of als PDF bewaren: open dit bestand in je browser en kies Afdrukken (Ctrl+P of Cmd+P)." }));

    body.appendChild(make("h2", { text: "Profiel" }));
    body.appendChild(make("table", {}, [make("tbody", {}, PROFIEL_VELDEN.map(function (field) {
      return make("tr", {}, [make("th", { scope: "row", text: field[1] }), make("td", { text: profileValue(advice, field[0]) })]);
    }))]));

    body.appendChild(make("h2", { text: "Aanbevolen opties" }));
    body.appendChild(make("p", { text: advice.toelichting || "Uit de menukaart zelfbeheer, de best passende eerst." }));
    body.appendChild(make("ol", { className: "opties" }, (advice.opties || []).map(function (optie) {
      var facts = [];
      [["Waarom", optie.waarom], ["Rol van bewoners", optie.rol_label || (optie.rol ? shown(optie.rol) : null)],
        ["Inspanning", optie.inspanning_label || (optie.inspanning ? shown(optie.inspanning) : null)],
        ["Organisatie biedt", optie.organisatie_biedt], ["Bewoners doen", optie.bewoners_doen]].forEach(function (f) {
        if (f[1]) { facts.push(make("dt", { text: f[0] })); facts.push(make("dd", { text: String(f[1]) })); }
      });
      facts.push(make("dt", { text: "Bron" }));
      facts.push(make("dd", {}, [sourceLabel(optie.bron, optie.bron_url) || optie.bron_url || "onbekend", cite(optie.bron, optie.bron_url)]));
      return make("li", {}, [
        make("h3", { text: optie.titel || optie.id }),
        make("dl", {}, facts)
      ]);
    })));

    if ((advice.stappen || []).length) {
      body.appendChild(make("h2", { text: "Volgende stappen" }));
      body.appendChild(make("ol", { className: "stappen" }, stepItems(advice.stappen, make, function (stap) {
        return cite(stap.bron, stap.bron_url);
      })));
    }

    body.appendChild(make("h2", { text: "Waarschuwingen" }));
    var warnings = reportWarnings();
    if (!warnings.length) body.appendChild(make("p", { text: "Geen waarschuwingen bij dit profiel." }));
    warnings.forEach(function (w) {
      body.appendChild(make("div", { className: "warning" }, [
        make("h3", { text: warningTitle(w) }),
        w.tekst ? make("p", { text: w.tekst }) : null,
        w.advies ? make("p", { text: w.advies }) : null,
        w.bron ? make("p", { className: "ref" }, ["Bron: " + (sourceLabel(w.bron, w.bron_url) || w.bron), cite(w.bron, w.bron_url)]) : null
      ]));
    });

    body.appendChild(make("h2", { text: "Bronnen" }));
    body.appendChild(make("ol", { className: "sources" }, sources.map(function (s) {
      return make("li", {}, [s.label, s.url ? " — " : null, s.url ? make("a", { href: s.url, text: s.url }) : null]);
    })));
    body.appendChild(make("footer", { text: "Dit advies komt uit de kennisbank van de zelfbeheer-adviseur (menukaarten zelfbeheer van " +
      "Corpovenista, Ymere en Eigen Haard; Platform31 / Wat Werkt in de Wijk). Toets het aan de situatie in jouw wijk en aan wat de bewoners zelf willen." }));
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n";
  }

  function downloadReport() {
    if (!state.advice) {
      systemNote("Er is nog geen advies om te downloaden. Rond eerst de vragen af.");
      return;
    }
    var blob = new Blob([buildReport()], { type: "text/html;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var date = new Date().toISOString().slice(0, 10);
    var link = h("a", { href: url, download: "advies-zelfbeheer-" + date + ".html", hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
  }

  // ---------------------------------------------------------------------------------------------- connection
  function setConnection(stateName, text) {
    el.connection.dataset.state = stateName;
    el.connection.textContent = text;
  }

  function typing(on) {
    el.typing.hidden = !on;
    if (on) {
      window.clearTimeout(state.typingTimer);
      state.typingTimer = window.setTimeout(function () { el.typing.hidden = true; }, 30000);
    }
  }

  function isReady() {
    return state.ready && state.socket && state.socket.connected && state.sessionId;
  }

  function deliver(data) {
    data.session_id = state.sessionId;
    state.socket.emit("user_uttered", data);
    typing(true);
  }

  /** Show the message at once; send it now, or keep it until the advisor is ready (never dropped). */
  function send(text, shownAs) {
    var message = String(text || "").trim();
    if (!message) return;
    var item = renderUser(shownAs || message);
    var data = { message: message };
    if (shownAs) data.metadata = { title: shownAs };
    if (isReady()) deliver(data);
    else {
      item.classList.add("msg-pending");
      item.appendChild(h("span", { className: "pending-note", text: state.everConnected ?
        "Wordt verstuurd zodra de verbinding terug is…" : "Wordt verstuurd zodra de adviseur klaar is…" }));
      state.pending.push({ data: data, node: item });
    }
    el.input.focus();
  }

  /** Send what was typed while the advisor was starting or the connection was gone, in order. */
  function flushPending() {
    var waiting = state.pending;
    state.pending = [];
    waiting.forEach(function (entry) {
      entry.node.classList.remove("msg-pending");
      var note = entry.node.querySelector(".pending-note");
      if (note) note.remove();
      deliver(entry.data);
    });
  }

  /** Take the waiting messages out of the log (the history goes above them) and put them back after it. */
  function aroundPending(load) {
    var nodes = state.pending.map(function (entry) { return entry.node; }).filter(function (node) { return node.isConnected; });
    nodes.forEach(function (node) { node.remove(); });
    return load().then(function () { nodes.forEach(function (node) { el.log.appendChild(node); }); scheduleScroll(); });
  }

  function welcome() {
    renderBotText("Hallo! Ik ben de zelfbeheer-adviseur. Ik help je uitzoeken welke opties van de menukaart zelfbeheer " +
      "passen bij een bewonersinitiatief in jouw wijk. Vertel in je eigen woorden waar het om gaat, of kies hieronder.", null, true);
    state.turn.lastText = null;
  }

  /** The welcome's quick replies, once connected; not when the user has typed meanwhile (the log moved on). */
  function welcomeReplies() {
    var last = el.log.lastElementChild;
    if (last && !state.pending.length && last.classList.contains("msg-bot")) last.appendChild(quickReplies([{ title: "Start het advies", payload: "/request_advice" }, { title: "Wat kun je?", payload: "/help" }]));
  }

  function loadHistory(sessionId) {
    var headers = {};
    if (state.config.token) headers.Authorization = "Bearer " + state.config.token;
    return fetch("api/history/" + encodeURIComponent(sessionId), { headers: headers, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        var messages = data.messages || [];
        messages.forEach(function (entry, index) {
          var isLast = index === messages.length - 1;
          if (entry.from === "user") renderUser(entry.text);
          else if (entry.from === "bot") renderBot(entry, isLast);
          else if (entry.event === "restart") systemNote("Het gesprek is opnieuw begonnen.");
        });
        if (!messages.length) welcomeReplies();
        state.scrollTarget = null;
        scheduleScroll();
      })
      .catch(function () {
        systemNote("Het eerdere gesprek kon niet worden geladen. Je kunt gewoon verder praten.");
      });
  }

  function connect() {
    var cfg = state.config;
    var options = { path: cfg.socket_path || "/socket.io", transports: ["websocket", "polling"], tryAllTransports: true,
      reconnectionDelay: 500, reconnectionDelayMax: 2000 };  // connect within ~2 s of the advisor being ready
    if (cfg.token) options.auth = { token: cfg.token };
    var socket = window.io(cfg.socket_url, options);
    state.socket = socket;
    socket.on("connect", function () {
      state.everConnected = true;
      setConnection("connecting", "Sessie starten…");
      socket.emit("session_request", { session_id: state.sessionId || localStorage.getItem(STORAGE_KEY) });
    });
    socket.on("session_confirm", function (sessionId) {
      var id = typeof sessionId === "string" ? sessionId : sessionId && sessionId.session_id;
      var stored = localStorage.getItem(STORAGE_KEY);
      state.sessionId = id;
      try { localStorage.setItem(STORAGE_KEY, id); } catch (e) { /* private mode: the session lasts for this page */ }
      var first = !state.historyLoaded;
      state.historyLoaded = true;
      var ready = function () {
        setConnection("online", "Verbonden");
        el.app.dataset.session = id;
        el.app.dataset.ready = "true";
        state.ready = true;
        flushPending();
      };
      if (first && stored === id) aroundPending(function () { return loadHistory(id); }).then(ready);
      else {
        if (first) welcomeReplies();
        ready();
      }
    });
    socket.on("bot_uttered", function (message) {
      typing(false);
      renderBot(message, true);
    });
    socket.on("disconnect", function () {
      state.ready = false;
      setConnection("offline", "Verbinding verbroken, opnieuw verbinden…");
    });
    socket.on("connect_error", function () {
      state.ready = false;
      if (state.everConnected) setConnection("offline", "Geen verbinding met de adviseur, opnieuw proberen…");
      else setConnection("starting", "De adviseur start op… Je kunt alvast typen.");
    });
  }

  function newConversation() {
    try { localStorage.removeItem(STORAGE_KEY); } catch (e) { /* ignore */ }
    state.sessionId = null;
    state.historyLoaded = false;
    state.advice = null;
    state.extraWarnings = [];
    state.turn = { lastText: null, card: null };
    state.ready = false;
    state.pending = [];  // their bubbles go with the old conversation
    el.downloadHeader.hidden = true;
    el.app.dataset.ready = "false";
    while (el.log.firstChild) el.log.removeChild(el.log.firstChild);
    welcome();
    if (state.socket) {
      state.socket.disconnect();
      state.socket.connect();
    }
    el.input.focus();
  }

  function autoGrow() {
    el.input.style.height = "auto";
    el.input.style.height = Math.min(el.input.scrollHeight, 144) + "px";
  }

  function init() {
    el.app = document.querySelector(".app");
    el.log = document.getElementById("gesprek");
    el.form = document.getElementById("invoer");
    el.input = document.getElementById("bericht");
    el.typing = document.getElementById("typt");
    el.connection = document.getElementById("verbinding");
    el.downloadHeader = document.getElementById("download-advies");
    el.downloadHeader.addEventListener("click", downloadReport);
    document.getElementById("nieuw-gesprek").addEventListener("click", newConversation);

    el.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = el.input.value;
      if (!text.trim()) return;
      el.input.value = "";
      autoGrow();
      send(text);
    });
    el.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        el.form.requestSubmit ? el.form.requestSubmit() : el.form.dispatchEvent(new Event("submit", { cancelable: true }));
      }
    });
    el.input.addEventListener("input", autoGrow);

    welcome();
    if (typeof window.io !== "function") {
      setConnection("offline", "De chat kon niet laden (socket.io ontbreekt)");
      return;
    }
    fetch("config.json", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (cfg) { state.config = cfg; connect(); })
      .catch(function () { setConnection("offline", "De instellingen konden niet worden geladen"); });
    el.input.focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
