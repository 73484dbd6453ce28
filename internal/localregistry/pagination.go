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

// paginate applies Relay pagination to an ordered list. Cursors are opaque (base64 of the
// position and the item's key); a cursor whose item has left the list falls back to its position.
func paginate[T any](c *rctx, p page, items []T, key func(T) string) (any, error) {
	n := len(items)
	resolve := func(name, cur string) (int, bool) {
		pos, k, ok := decodeCursor(cur)
		if !ok {
			c.v.add([]any{"query", name}, "Invalid cursor", "value_error", cur, map[string]any{"error": "invalid cursor"})
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

// list is an unpaginated list (the credit batches of a transaction).
func list[T any](items []T) client.List[T] {
	if items == nil {
		items = []T{}
	}
	return client.List[T]{Nodes: items, TotalCount: int64(len(items))}
}
