package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"strconv"
	"strings"
)

// checkInvariants checks what the spec states in prose rather than in schema, on every object of a
// JSON answer:
//   - a CreditQuantity ({credit_kgs, credits}): credits is credit_kgs / 1000 exactly (3 decimals);
//   - a CreditBatch ({serial_number, size, status}): the serial's trailing kg range spans
//     size.credit_kgs, and the status agrees with the links (split <=> both children; retired =>
//     retirement_id and retired_at; active => neither; delivery_id => delivered_at);
//   - a list ({nodes, total_count}): total_count >= len(nodes), equal for an unpaginated list, and a
//     non-empty page has both cursors.
func checkInvariants(body []byte) []error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil // not JSON: the schema validation reports it
	}
	var errs []error
	walkJSON(v, "", func(path string, obj map[string]any) {
		if err := checkCreditQuantity(obj); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path, err))
		}
		if err := checkSerialRange(obj); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path, err))
		}
		if err := checkBatchLinks(obj); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path, err))
		}
		if err := checkList(obj); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path, err))
		}
	})
	return errs
}

func walkJSON(v any, path string, visit func(path string, obj map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		visit(path, x)
		for k, c := range x {
			walkJSON(c, path+"/"+k, visit)
		}
	case []any:
		for i, c := range x {
			walkJSON(c, path+"/"+strconv.Itoa(i), visit)
		}
	}
}

func checkCreditQuantity(obj map[string]any) error {
	kgs, ok1 := obj["credit_kgs"].(json.Number)
	credits, ok2 := obj["credits"].(json.Number)
	if !ok1 || !ok2 {
		return nil
	}
	k, okK := new(big.Rat).SetString(kgs.String())
	c, okC := new(big.Rat).SetString(credits.String())
	if !okK || !okC {
		return fmt.Errorf("credit quantity %s kg / %s credits is not numeric", kgs, credits)
	}
	if new(big.Rat).Mul(c, big.NewRat(1000, 1)).Cmp(k) != 0 {
		return fmt.Errorf("credits %s is not credit_kgs %s / 1000", credits, kgs)
	}
	return nil
}

func checkSerialRange(obj map[string]any) error {
	serial, ok := obj["serial_number"].(string)
	size, ok2 := obj["size"].(map[string]any)
	if !ok || !ok2 {
		return nil
	}
	kgs, ok := size["credit_kgs"].(json.Number)
	if !ok {
		return nil
	}
	start, end, err := parseSerialRange(serial)
	if err != nil {
		return err
	}
	n, err := kgs.Int64()
	if err != nil {
		return fmt.Errorf("size %s is not an integer", kgs)
	}
	if end-start != n {
		return fmt.Errorf("serial number %q spans %d kg, size is %d kg", serial, end-start, n)
	}
	return nil
}

// parseSerialRange returns the kg range at the end of a serial number (...-START-END).
func parseSerialRange(serial string) (start, end int64, err error) {
	parts := strings.Split(serial, "-")
	if len(parts) < 3 {
		return 0, 0, fmt.Errorf("serial number %q has no kg range", serial)
	}
	start, err1 := strconv.ParseInt(parts[len(parts)-2], 10, 64)
	end, err2 := strconv.ParseInt(parts[len(parts)-1], 10, 64)
	if err1 != nil || err2 != nil || end < start {
		return 0, 0, fmt.Errorf("serial number %q has no valid kg range", serial)
	}
	return start, end, nil
}

// checkBatchLinks checks a credit batch's status against its links.
func checkBatchLinks(obj map[string]any) error {
	status, ok := obj["status"].(string)
	if _, isBatch := obj["serial_number"]; !ok || !isBatch {
		return nil
	}
	set := func(k string) bool { return obj[k] != nil }
	id := obj["id"]
	switch status {
	case "split":
		if !set("left_child_id") || !set("right_child_id") {
			return fmt.Errorf("batch %v is split but lacks a child (left %v, right %v)", id, obj["left_child_id"], obj["right_child_id"])
		}
	case "retired":
		if !set("retirement_id") || !set("retired_at") {
			return fmt.Errorf("batch %v is retired without retirement_id/retired_at (%v/%v)", id, obj["retirement_id"], obj["retired_at"])
		}
	case "active":
		if set("left_child_id") || set("right_child_id") || set("retirement_id") || set("retired_at") {
			return fmt.Errorf("batch %v is active but has children or a retirement (%v/%v/%v)", id, obj["left_child_id"], obj["right_child_id"], obj["retirement_id"])
		}
	}
	if set("delivery_id") && !set("delivered_at") {
		return fmt.Errorf("batch %v has delivery %v but no delivered_at", id, obj["delivery_id"])
	}
	return nil
}

// checkList checks the counts and cursors of a list answer.
func checkList(obj map[string]any) error {
	nodes, ok := obj["nodes"].([]any)
	total, ok2 := obj["total_count"].(json.Number)
	if !ok || !ok2 {
		return nil
	}
	n, err := total.Int64()
	if err != nil {
		return fmt.Errorf("total_count %s is not an integer", total)
	}
	pageInfo, paginated := obj["page_info"].(map[string]any)
	switch {
	case n < int64(len(nodes)):
		return fmt.Errorf("total_count %d is below the %d nodes returned", n, len(nodes))
	case !paginated && n != int64(len(nodes)):
		return fmt.Errorf("unpaginated list: total_count %d but %d nodes", n, len(nodes))
	case paginated && len(nodes) > 0 && (pageInfo["start_cursor"] == nil || pageInfo["end_cursor"] == nil):
		return fmt.Errorf("page of %d nodes without cursors: %v", len(nodes), pageInfo)
	case paginated && len(nodes) == int(n) && (pageInfo["has_next_page"] == true || pageInfo["has_previous_page"] == true):
		return fmt.Errorf("page holds all %d nodes but claims more pages: %v", n, pageInfo)
	}
	return nil
}

// checkPageSize checks a paginated answer holds at most the requested page size (first or last,
// default 10 as documented).
func checkPageSize(query url.Values, body []byte) error {
	var page struct {
		Nodes    []json.RawMessage `json:"nodes"`
		PageInfo *json.RawMessage  `json:"page_info"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return fmt.Errorf("answer is not a JSON object: %w", err)
	}
	if page.PageInfo == nil {
		return nil
	}
	limit := 10
	for _, k := range []string{"first", "last"} {
		if v, err := strconv.Atoi(query.Get(k)); err == nil {
			limit = v
		}
	}
	if len(page.Nodes) > limit {
		return fmt.Errorf("page of %d nodes, requested at most %d", len(page.Nodes), limit)
	}
	return nil
}
