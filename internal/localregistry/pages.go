package localregistry

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The HTML pages (README.md, "Pages"): read-only, public, server-rendered with html/template from
// the templates embedded below, with no script and no asset outside the page. They live at "/"
// (the world at a glance) and "/<id>" (one record), the path of the `url` the registry gives a
// retirement or a delivery (CertificateBaseURL + "/" + ID): the local registry's certificate of
// ret_… is where a real retirement's url points, on the local registry's own address. They are
// neither logged nor subject to faults (like the hooks) and need no credentials.

//go:embed templates
var pageFiles embed.FS

// pageKind is the page of one kind of record: the records whose IDs have prefix, the template, and
// the data of the record with an ID (false when there is none; caller holds r.mu).
type pageKind struct {
	prefix, noun, template string
	data                   func(r *Registry, id string) (any, bool)
}

// pageKinds are the pages of single records, in the order the 404 page names them.
var pageKinds = []pageKind{
	{"ret_", "retirement", "certificate.html", pageOf(func(r *Registry) map[string]*SeedRetirement { return r.retirements }, (*Registry).certificatePage)},
	{"dlv_", "delivery", "delivery.html", pageOf(func(r *Registry) map[string]*SeedDelivery { return r.deliveries }, (*Registry).deliveryPage)},
	{"ctb_", "credit batch", "batch.html", pageOf(func(r *Registry) map[string]*SeedCreditBatch { return r.batches }, (*Registry).batchPage)},
	{"prj_", "project", "project.html", pageOf(func(r *Registry) map[string]*SeedProject { return r.projects }, (*Registry).projectPage)},
	{"spl_", "supplier", "supplier.html", pageOf(func(r *Registry) map[string]*SeedSupplier { return r.suppliers }, (*Registry).supplierPage)},
}

// findPageKind is the kind of page of an ID, by its prefix.
func findPageKind(id string) (pageKind, bool) {
	for _, k := range pageKinds {
		if strings.HasPrefix(id, k.prefix) {
			return k, true
		}
	}
	return pageKind{}, false
}

// pageOf is the data function of a page kind: the page of the record of that ID in records.
func pageOf[T, P any](records func(*Registry) map[string]*T, page func(*Registry, *T) P) func(*Registry, string) (any, bool) {
	return func(r *Registry, id string) (any, bool) {
		x := records(r)[id]
		if x == nil {
			return nil, false
		}
		return page(r, x), true
	}
}

// pageCSS is the style sheet, inlined in every page; pageCSP allows that style sheet and nothing
// else (no script, no frame, no request to another origin; the icon is an empty data: URL).
var (
	pageCSS = mustRead("templates/pages.css")
	pageCSP = "default-src 'none'; style-src 'sha256-" + sha256Base64(pageCSS) + "'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

// pageTemplates are the page templates by file name, each parsed with the layout and the partials.
var pageTemplates = parsePageTemplates()

func parsePageTemplates() map[string]*template.Template {
	funcs := template.FuncMap{
		"when":  displayTime,
		"label": label,
	}
	base := template.Must(template.New("").Funcs(funcs).ParseFS(pageFiles, "templates/layout.html", "templates/partials.html"))
	out := map[string]*template.Template{}
	names := []string{"world.html", "notfound.html"}
	for _, k := range pageKinds {
		names = append(names, k.template)
	}
	for _, name := range names {
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(pageFiles, "templates/"+name))
	}
	return out
}

// layoutData is what the layout renders: the page's title, the style sheet and the page's own data.
type layoutData struct {
	Title string
	CSS   template.CSS
	Body  any
}

// isPagePath reports whether a GET of path is a page: "/" or one path segment.
func isPagePath(path string) bool {
	return strings.HasPrefix(path, "/") && !strings.Contains(path[1:], "/")
}

// servePage answers a GET or HEAD of a page path: the page, or the 404 page for a path that names
// no record. The data is built under the read lock and rendered after it is released.
func (r *Registry) servePage(w http.ResponseWriter, req *http.Request) {
	id := strings.TrimPrefix(req.URL.Path, "/")
	status, name, title, data := http.StatusOK, "world.html", "The world at a glance", any(nil)
	r.mu.RLock()
	if id == "" {
		data = r.worldPage()
	} else if kind, ok := findPageKind(id); !ok {
		status, name, title, data = http.StatusNotFound, "notfound.html", "Not found", newNotFoundPage(id, "")
	} else if x, ok := kind.data(r, id); !ok {
		status, name, title, data = http.StatusNotFound, "notfound.html", "Not found", newNotFoundPage(id, kind.noun)
	} else {
		name, title, data = kind.template, label(kind.noun)+" "+id, x
	}
	r.mu.RUnlock()
	writePage(w, status, name, title, data)
}

// notFoundPage is the 404 page: the ID asked for and, when its prefix is known, the kind of record.
type notFoundPage struct {
	ID, Noun string
	Kinds    []string // the ID prefixes that have pages, with their nouns
}

func newNotFoundPage(id, noun string) notFoundPage {
	p := notFoundPage{ID: id, Noun: noun}
	for _, k := range pageKinds {
		p.Kinds = append(p.Kinds, k.prefix+"… ("+k.noun+")")
	}
	return p
}

// writePage renders a page into a buffer and writes it with its headers; a template error is a
// plain 500 (a bug, never the data).
func writePage(w http.ResponseWriter, status int, name, title string, data any) {
	var buf bytes.Buffer
	if err := pageTemplates[name].ExecuteTemplate(&buf, "layout", layoutData{Title: title, CSS: template.CSS(pageCSS), Body: data}); err != nil {
		http.Error(w, "internal error: cannot render the page: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store") // the world changes with every transaction
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// displayTime shows an RFC 3339 time of a view as a person reads it, in UTC to the second.
func displayTime(s string) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// label turns an enum value or a noun into a label: "corporate_targets" → "Corporate targets".
func label(v any) string {
	s := strings.ReplaceAll(fmt.Sprint(v), "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func mustRead(name string) string {
	b, err := pageFiles.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func sha256Base64(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}
