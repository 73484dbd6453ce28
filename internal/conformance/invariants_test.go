package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// checkInvariants checks what the spec states in prose rather than in schema, on every object of a
// JSON answer:
//   - a CreditQuantity ({credit_kgs, credits}): credits is credit_kgs / 1000 exactly (3 decimals);
//   - a CreditBatch ({serial_number, size}): the serial's trailing kg range spans size.credit_kgs.
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
