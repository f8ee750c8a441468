// The search page: queries the Pagefind index that `hanke build` wrote, in the
// page's language, as the reader types or submits. Without JavaScript the form
// just reloads the page, whose lists of projects still lead everywhere.

const form = document.querySelector('.search-form');
const input = form.querySelector('input[name="q"]');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const text = form.dataset;
const MAX_RESULTS = 20;

let pagefind;
try {
  pagefind = await import(`${text.bundle}pagefind.js`);
  await pagefind.options({ baseUrl: text.base });
  pagefind.init();
} catch {
  status.textContent = text.unavailable;
}

/** A UI string with {n} and {q} filled in. */
function say(template, n, query) {
  return template.replace('{n}', n).replace('{q}', query);
}

/** Pagefind's excerpt as nodes: its text, with only the <mark>s kept as markup. */
function excerpt(html) {
  const parsed = document.createElement('template');
  parsed.innerHTML = html;
  const out = document.createDocumentFragment();
  for (const node of parsed.content.childNodes) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent);
    }
  }
  return out;
}

function show(results) {
  list.replaceChildren(...results.map((r) => {
    const item = document.createElement('li');
    const heading = document.createElement('h2');
    const link = document.createElement('a');
    link.href = r.url;
    link.textContent = r.meta.title;
    heading.append(link);
    const kind = document.createElement('p');
    kind.className = 'card-meta';
    kind.textContent = r.meta.kind ?? '';
    const body = document.createElement('p');
    body.append(excerpt(r.excerpt));
    item.append(heading, kind, body);
    return item;
  }));
  list.hidden = results.length === 0;
}

async function run(query, debounce) {
  query = query.trim();
  const url = new URL(location.href);
  if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
  history.replaceState(null, '', url);
  if (!pagefind) return;
  if (!query) {
    status.textContent = '';
    show([]);
    return;
  }
  const search = debounce ? await pagefind.debouncedSearch(query) : await pagefind.search(query);
  if (search === null) return; // a newer query replaced this one
  const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (input.value.trim() !== query) return;
  const count = search.results.length;
  status.textContent = count === 0 ? say(text.none, 0, query)
    : say(count === 1 ? text.foundOne : text.foundMany, count, query);
  show(results);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run(input.value, false);
});
input.addEventListener('input', () => run(input.value, true));

const initial = new URL(location.href).searchParams.get('q');
if (initial) {
  input.value = initial;
  run(initial, false);
}
