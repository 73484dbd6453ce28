package localregistry

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// page holds parsed pagination parameters.
type page struct {
	first, last         int
	firstSet, lastSet   bool
	after, before       string
	afterSet, beforeSet bool
}

// pageParams reads first/last (1..50) and after/before (non-empty); problems go to c.v.
func (c *rctx) pageParams() page {
	var p page
	p.first, p.firstSet = c.pageSize("first")
	p.last, p.lastSet = c.pageSize("last")
	p.after, p.afterSet = c.cursorParam("after")
	p.before, p.beforeSet = c.cursorParam("before")
	return p
}

func (c *rctx) pageSize(name string) (int, bool) {
	s, ok := c.queryValue(name)
	if !ok {
		return 0, false
	}
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

func (c *rctx) cursorParam(name string) (string, bool) {
	s, ok := c.queryValue(name)
	if !ok {
		return "", false
	}
	if s == "" {
		c.v.add([]any{"query", name}, "String should have at least 1 character", "string_too_short", s, map[string]any{"min_length": 1})
		return "", false
	}
	return s, true
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

// seq is an ordered list that paginate can cut a page of without building every item.
type seq[T any] interface {
	len() int
	// page is the items at positions [start, end) and their keys.
	page(start, end int) ([]T, []string)
	// position is the position of the item with that key (a cursor's key); hint is where the
	// cursor says it was.
	position(key string, hint int) (int, bool)
}

// paginate applies Relay pagination to an ordered list. Cursors are opaque (base64 of the
// position and the item's key); a cursor whose item has left the list falls back to its position.
func paginate[T any](c *rctx, p page, items seq[T]) (any, error) {
	n := items.len()
	resolve := func(name, cur string) (int, bool) {
		pos, k, ok := decodeCursor(cur)
		if !ok {
			c.v.add([]any{"query", name}, "Invalid cursor", "value_error", cur, map[string]any{"error": "invalid cursor"})
			return 0, false
		}
		if i, found := items.position(k, pos); found {
			return i, true
		}
		return min(pos, n), true
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
	start = min(start, n)
	end = max(end, start)
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
	nodes, keys := items.page(start, end)
	if nodes == nil {
		nodes = []T{}
	}
	out := client.Page[T]{Nodes: nodes, TotalCount: int64(n)}
	out.PageInfo.HasPreviousPage = start > 0
	out.PageInfo.HasNextPage = end < n
	if len(nodes) > 0 {
		s := encodeCursor(start, keys[0])
		e := encodeCursor(end-1, keys[len(keys)-1])
		out.PageInfo.StartCursor = &s
		out.PageInfo.EndCursor = &e
	}
	return out, nil
}

// records is a list of state records answered through view; only the page is converted. id is
// the key of a record (its ID).
type records[P, V any] struct {
	items []P
	id    func(P) string
	view  func(P) V
}

// paged lists items (records with an ID) through view.
func paged[P seedRecord, V any](items []P, view func(P) V) records[P, V] {
	return records[P, V]{items: items, id: P.seedID, view: view}
}

func (x records[P, V]) len() int { return len(x.items) }
func (x records[P, V]) page(start, end int) ([]V, []string) {
	return views(x.items[start:end], x.view), views(x.items[start:end], x.id)
}
func (x records[P, V]) position(key string, hint int) (int, bool) {
	if hint < len(x.items) && x.id(x.items[hint]) == key {
		return hint, true
	}
	for i, it := range x.items {
		if x.id(it) == key {
			return i, true
		}
	}
	return 0, false
}

// list is an unpaginated list (the credit batches of a transaction).
func list[T any](items []T) client.List[T] {
	if items == nil {
		items = []T{}
	}
	return client.List[T]{Nodes: items, TotalCount: int64(len(items))}
}
