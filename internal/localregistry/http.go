package localregistry

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// URL prefixes of the handler.
const (
	APIPrefix   = "/registry/v0"
	ICRPrefix   = "/icr"
	HooksPrefix = "/_localregistry"
)

// apiError is a non-200 answer.
type apiError struct {
	status int
	body   any
	header map[string]string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d: %v", e.status, e.body) }

func detail(status int, format string, a ...any) error {
	return &apiError{status: status, body: map[string]any{"detail": fmt.Sprintf(format, a...)}}
}

func notFound(format string, a ...any) error  { return detail(http.StatusNotFound, format, a...) }
func forbidden(format string, a ...any) error { return detail(http.StatusForbidden, format, a...) }

// rctx is one API request.
type rctx struct {
	req  *http.Request
	q    url.Values
	body []byte
	org  string // acting organisation
	v    vErrs  // collected validation errors (query/path)
}

type apiHandler func(c *rctx) (any, error)

// nullBody marks a JSON null answer.
type nullBody struct{}

// Handler returns the HTTP handler: the API under /registry/v0, the ICR endpoints under /icr and
// the test hooks under /_localregistry.
func (r *Registry) Handler() http.Handler {
	api := http.NewServeMux()
	r.routes(api)
	icr := http.NewServeMux()
	r.icrRoutes(icr)
	hooks := http.NewServeMux()
	r.hookRoutes(hooks)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		p := req.URL.Path
		switch {
		case p == HooksPrefix || strings.HasPrefix(p, HooksPrefix+"/"):
			hooks.ServeHTTP(w, req)
		case strings.HasPrefix(p, APIPrefix+"/"):
			r.serveRecorded(w, req, api)
		case strings.HasPrefix(p, ICRPrefix+"/"):
			r.serveRecorded(w, req, icr)
		default:
			writeJSON(w, http.StatusNotFound, map[string]any{"detail": "Not Found"}, nil)
		}
	})
}

func writeJSON(w http.ResponseWriter, status int, body any, header map[string]string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if _, isNull := body.(nullBody); isNull {
		buf.WriteString("null\n")
	} else if err := enc.Encode(body); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"detail":"internal error: cannot encode response"}` + "\n")
	}
	for k, v := range header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func writeErr(w http.ResponseWriter, err error) {
	if ae, ok := err.(*apiError); ok {
		writeJSON(w, ae.status, ae.body, ae.header)
		return
	}
	writeJSON(w, http.StatusInternalServerError, map[string]any{"detail": err.Error()}, nil)
}

// wrap turns an apiHandler into an http.Handler: auth, then the handler under the registry lock.
func (r *Registry) wrap(h apiHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		c := &rctx{req: req, q: req.URL.Query()}
		if req.Body != nil {
			c.body, _ = io.ReadAll(req.Body)
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		if err := r.authenticate(c); err != nil {
			writeErr(w, err)
			return
		}
		body, err := h(c)
		if err != nil {
			writeErr(w, err)
			return
		}
		writeJSON(w, http.StatusOK, body, nil)
	}
}

// authenticate checks X-Client-Secret and the bearer token. Caller holds r.mu.
func (r *Registry) authenticate(c *rctx) error {
	secret := c.req.Header.Get("X-Client-Secret")
	if secret == "" {
		return detail(http.StatusUnauthorized, "Missing X-Client-Secret header")
	}
	if secret != r.st.ClientSecret {
		return detail(http.StatusUnauthorized, "Invalid X-Client-Secret")
	}
	auth := c.req.Header.Get("Authorization")
	if auth == "" {
		return &apiError{status: http.StatusUnauthorized, body: map[string]any{"detail": "Not authenticated: missing access token (Authorization: Bearer)"},
			header: map[string]string{"WWW-Authenticate": "Bearer"}}
	}
	scheme, token, _ := strings.Cut(auth, " ")
	if !strings.EqualFold(scheme, "bearer") || strings.TrimSpace(token) == "" {
		return &apiError{status: http.StatusUnauthorized, body: map[string]any{"detail": "Invalid authentication credentials: expected Authorization: Bearer <access token>"},
			header: map[string]string{"WWW-Authenticate": "Bearer"}}
	}
	org, ok := r.tokens[strings.TrimSpace(token)]
	if !ok {
		return &apiError{status: http.StatusUnauthorized, body: map[string]any{"detail": "Invalid or expired access token"},
			header: map[string]string{"WWW-Authenticate": "Bearer"}}
	}
	c.org = org
	return nil
}

// pathID validates the {id} path parameter (20..37 characters).
func (c *rctx) pathID() string {
	id := c.req.PathValue("id")
	checkLen(&c.v, []any{"path", "id"}, id, 20, 37)
	return id
}

// queryID validates an optional ID query parameter.
func (c *rctx) queryID(name string) string {
	vals, ok := c.q[name]
	if !ok || len(vals) == 0 {
		return ""
	}
	s := vals[len(vals)-1]
	checkLen(&c.v, []any{"query", name}, s, 20, 37)
	return s
}

// page holds parsed pagination parameters.
type page struct {
	first, last         int
	firstSet, lastSet   bool
	after, before       string
	afterSet, beforeSet bool
}

func (c *rctx) pageParams() page {
	var p page
	parseSize := func(name string) (int, bool) {
		vals, ok := c.q[name]
		if !ok || len(vals) == 0 {
			return 0, false
		}
		s := vals[len(vals)-1]
		loc := []any{"query", name}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			c.v.add(loc, "Input should be a valid integer, unable to parse string as an integer", "int_parsing", s, nil)
			return 0, false
		}
		if n <= 0 {
			c.v.add(loc, "Input should be greater than 0", "greater_than", s, map[string]any{"gt": 0})
			return 0, false
		}
		if n > 50 {
			c.v.add(loc, "Input should be less than or equal to 50", "less_than_equal", s, map[string]any{"le": 50})
			return 0, false
		}
		return n, true
	}
	p.first, p.firstSet = parseSize("first")
	p.last, p.lastSet = parseSize("last")
	cursor := func(name string) (string, bool) {
		vals, ok := c.q[name]
		if !ok || len(vals) == 0 {
			return "", false
		}
		s := vals[len(vals)-1]
		if s == "" {
			c.v.add([]any{"query", name}, "String should have at least 1 character", "string_too_short", s, map[string]any{"min_length": 1})
			return "", false
		}
		return s, true
	}
	p.after, p.afterSet = cursor("after")
	p.before, p.beforeSet = cursor("before")
	return p
}

func encodeCursor(pos int, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("v1:" + strconv.Itoa(pos) + ":" + key))
}

func decodeCursor(s string) (int, string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, "", false
	}
	parts := strings.SplitN(string(b), ":", 3)
	if len(parts) != 3 || parts[0] != "v1" {
		return 0, "", false
	}
	pos, err := strconv.Atoi(parts[1])
	if err != nil || pos < 0 {
		return 0, "", false
	}
	return pos, parts[2], true
}

// paginate applies Relay pagination to an ordered list. Cursors are opaque (base64 of the
// position and the item's key); a cursor whose item has left the list falls back to its position.
func paginate[T any](c *rctx, p page, items []T, key func(T) string) (any, error) {
	n := len(items)
	resolve := func(name, cur string) (int, bool) {
		pos, k, ok := decodeCursor(cur)
		if !ok {
			var v vErrs
			v.add([]any{"query", name}, "Invalid cursor", "value_error", cur, map[string]any{"error": "invalid cursor"})
			c.v = append(c.v, v...)
			return 0, false
		}
		if pos < n && key(items[pos]) == k {
			return pos, true
		}
		for i, it := range items {
			if key(it) == k {
				return i, true
			}
		}
		if pos > n {
			pos = n
		}
		return pos, true
	}
	start, end := 0, n
	if p.afterSet {
		if i, ok := resolve("after", p.after); ok {
			start = i + 1
		}
	}
	if p.beforeSet {
		if i, ok := resolve("before", p.before); ok {
			end = i
		}
	}
	if err := c.v.err(); err != nil {
		return nil, err
	}
	if start > n {
		start = n
	}
	if end < start {
		end = start
	}
	first, last := p.first, p.last
	if !p.firstSet && !p.lastSet {
		if p.beforeSet && !p.afterSet {
			last = 10
		} else {
			first = 10
		}
	}
	if first > 0 && end-start > first {
		end = start + first
	}
	if last > 0 && end-start > last {
		start = end - last
	}
	nodes := items[start:end]
	if nodes == nil {
		nodes = []T{}
	}
	out := client.Page[T]{Nodes: nodes, TotalCount: int64(n)}
	out.PageInfo.HasPreviousPage = start > 0
	out.PageInfo.HasNextPage = end < n
	if len(nodes) > 0 {
		s := encodeCursor(start, key(nodes[0]))
		e := encodeCursor(end-1, key(nodes[len(nodes)-1]))
		out.PageInfo.StartCursor = &s
		out.PageInfo.EndCursor = &e
	}
	return out, nil
}

func list[T any](items []T) client.List[T] {
	if items == nil {
		items = []T{}
	}
	return client.List[T]{Nodes: items, TotalCount: int64(len(items))}
}
