// The search page's script, the only script of the public sites
// (generator.public.outputs.searchpage), kept out of themes/lite so MkDocs does not copy it
// to every site root as a theme file. It reads ?q= and the filters, asks the site's
// Pagefind indexes, which fetch only the pieces the words need, and prints each result
// as text: titles and metadata with textContent, the excerpt's <mark> as the only markup.
const form = document.getElementById("cari");
const input = document.getElementById("q");
const status = document.getElementById("cari-status");
const list = document.getElementById("cari-hasil");
const more = document.getElementById("cari-lagi");
const root = form.dataset.root;
// Results per step: each costs one fragment of the index (about 2 KB gzip), and a word
// found on every page fetches a chunk of each index (3-6 KB on a province of 800
// releases, its stem another): five keep such a query within the 30 KB budget (README,
// "Bytes on a phone").
const STEP = 5;
let found = [];
let shown = 0;

// The site's indexes: a province's own releases', then the central releases' (the same
// index on every province), merged into the first; the national site's one index.
const indexes = (form.dataset.indexes ?? "pagefind/").split(" ").filter(Boolean);
let loading = null;
let latest = 0; // the number of the latest search started: only its results show

async function present(folder) {
  // An index the build has not made yet (it trails the pages) is left out, not merged:
  // Pagefind would fail every search over it, or wait forever for one that never loads.
  try {
    // Its entry (a few hundred bytes) asked for whole: a HEAD request is not served the
    // same way by every host.
    const entry = await fetch(root + folder + "pagefind-entry.json");
    return entry.ok;
  } catch (error) {
    return false;
  }
}

async function load() {
  const made = [];
  for (const folder of indexes) if (await present(folder)) made.push(folder);
  if (!made.length) throw new Error("no index on this site yet");
  const loaded = await import(root + made[0] + "pagefind.js");
  // No worker: one script less to download; the index of one site is small.
  await loaded.options({ noWorker: true, baseUrl: root });
  for (const other of made.slice(1)) await loaded.mergeIndex(root + other, { baseUrl: root });
  return loaded;
}

async function index() {
  // One load for every search: two searches at once (the page's own, and Enter) must
  // not merge the central releases' index twice (each result would show twice).
  if (loading === null) {
    loading = load().catch((error) => {
      loading = null; // tried again at the next search
      throw error;
    });
  }
  return loading;
}

function chosenFilters() {
  const chosen = {};
  for (const select of form.querySelectorAll("select")) {
    if (select.value) chosen[select.name] = select.value;
  }
  return chosen;
}

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };

function decoded(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity]);
}

function excerpt(html) {
  // Pagefind's excerpt is escaped text with the matches in <mark>: rebuilt here from
  // text nodes, so nothing from the index is ever parsed as HTML.
  const paragraph = document.createElement("p");
  let marked = false;
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === "<mark>" || piece === "</mark>") {
      marked = piece === "<mark>";
      continue;
    }
    const text = document.createTextNode(decoded(piece));
    if (marked) {
      const mark = document.createElement("mark");
      mark.append(text);
      paragraph.append(mark);
    } else {
      paragraph.append(text);
    }
  }
  return paragraph;
}

function item(data) {
  const meta = data.meta || {};
  const li = document.createElement("li");
  const article = document.createElement("article");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = meta.title || data.url;
  heading.append(link);
  const line = document.createElement("p");
  line.className = "meta";
  line.textContent = [meta.tanggal, meta.kantor, meta.kategori].filter(Boolean).join(" · ");
  if (meta.status) {
    const verdict = document.createElement("strong");
    verdict.className = "verdict";
    verdict.textContent = "Status: " + meta.status.toLocaleUpperCase("id");
    line.append(" · ", verdict);
  }
  article.append(heading, line, excerpt(data.excerpt || ""));
  li.append(article);
  return li;
}

async function showMore(ticket) {
  const next = found.slice(shown, shown + STEP);
  shown += next.length;
  const items = await Promise.all(next.map((result) => result.data()));
  if (ticket !== latest) return; // a newer search's results are shown instead
  list.append(...items.map(item));
  more.hidden = shown >= found.length;
}

async function run() {
  // Searches overlap when a reader changes a filter while the first one still loads
  // the index (seconds on 2G): only the latest shows, or their results would mix.
  const ticket = ++latest;
  const words = input.value.trim();
  const filters = chosenFilters();
  const params = new URLSearchParams();
  if (words) params.set("q", words);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  history.replaceState(null, "", params.size ? "?" + params : location.pathname);
  list.replaceChildren();
  more.hidden = true;
  if (!words && !Object.keys(filters).length) {
    status.textContent = "";
    return;
  }
  status.textContent = "Mencari…";
  let search;
  try {
    search = await (await index()).search(words || null, { filters });
  } catch (error) {
    if (ticket !== latest) return;
    status.textContent = "Pencarian belum tersedia di salinan situs ini. Telusuri arsip di bawah.";
    return;
  }
  if (ticket !== latest) return;
  found = search.results;
  shown = 0;
  status.textContent = found.length
    ? `${found.length} rilis ditemukan.`
    : "Tidak ada rilis yang cocok. Coba kata lain, atau telusuri arsip di bawah.";
  await showMore(ticket);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
for (const select of form.querySelectorAll("select")) select.addEventListener("change", run);
more.addEventListener("click", () => showMore(latest));

const given = new URLSearchParams(location.search);
input.value = given.get("q") || "";
for (const select of form.querySelectorAll("select")) {
  const wanted = given.get(select.name);
  if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
}
run();
