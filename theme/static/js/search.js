// The search page: Pagefind's JS API from our own origin and a small result list.
// /suche/?q=Wort opens with the results for "Wort"; every search updates ?q= so it can be linked.
const form = document.querySelector(".search-form");
const input = form.querySelector("input[name=q]");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const root = new URL(form.dataset.siteRoot, document.baseURI);
const MAX_RESULTS = 10;
let engine = null;
let latest = 0;
let searched = null; // the query whose results are shown (or coming)

async function pagefind() {
  if (!engine) {
    engine = await import(new URL("pagefind/pagefind.js", root).href);
    await engine.options({ baseUrl: root.pathname });
  }
  return engine;
}

function say(template, count, query) {
  status.textContent = template.replace("%n", String(count)).replace("%q", query);
}

function result(data) {
  const item = document.createElement("li");
  const card = document.createElement("article");
  card.className = "card";
  const heading = document.createElement("h2");
  heading.className = "card-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "post-meta";
  meta.textContent = [data.meta.date, data.meta.author].filter(Boolean).join(" · ");
  const summary = document.createElement("p");
  summary.className = "card-summary";
  summary.textContent = data.meta.summary || "";
  card.append(heading, meta, summary);
  item.append(card);
  return item;
}

async function search(query) {
  if (query === searched) return; // typing then Enter: the pause would clear and redo the same list
  searched = query;
  const ticket = ++latest;
  list.replaceChildren();
  if (!query) {
    status.textContent = "";
    return;
  }
  status.textContent = form.dataset.searching;
  try {
    const found = await (await pagefind()).search(query);
    const shown = await Promise.all(found.results.slice(0, MAX_RESULTS).map((hit) => hit.data()));
    if (ticket !== latest) return;
    const count = found.results.length;
    const template = count === 0 ? form.dataset.none : count === 1 ? form.dataset.resultOne : form.dataset.resultOther;
    say(template, count, query);
    list.replaceChildren(...shown.map(result));
  } catch (error) {
    if (ticket === latest) {
      status.textContent = form.dataset.failed;
      searched = null; // the same query may be tried again
    }
  }
}

function show(query, record) {
  if (record) {
    const address = new URL(location.href);
    if (query) address.searchParams.set("q", query);
    else address.searchParams.delete("q");
    history.replaceState(null, "", address);
  }
  search(query);
}

let pause = null;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(pause);
  show(input.value.trim(), true);
});

input.addEventListener("input", () => {
  clearTimeout(pause);
  pause = setTimeout(() => show(input.value.trim(), true), 250);
});

const asked = new URLSearchParams(location.search).get("q");
if (asked) {
  input.value = asked;
  show(asked.trim(), false);
}
