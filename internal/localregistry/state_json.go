package localregistry

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
)

// Seed and state files in JSON, read and written as encoding/json does, but with their two long
// lists (credit batches and issuances, the bulk of a large world) cut into parts that every CPU
// encodes or decodes at once: a state of 100 000 batches is some 80 MB of JSON, which encoding/json
// alone reads in most of a second.

// bulkLists are the top-level keys of the lists done in parallel, and how to encode and decode
// them in a Seed.
var bulkLists = []struct {
	key    string
	encode func(w io.Writer, s *Seed) error
	set    func(*Seed) bulk // decodes raw elements into the list
}{
	{"credit_batches", func(w io.Writer, s *Seed) error { return encodeList(w, s.CreditBatches) },
		func(s *Seed) bulk { return bulkOf(&s.CreditBatches, fastCreditBatch) }},
	{"issuances", func(w io.Writer, s *Seed) error { return encodeList(w, s.Issuances) },
		func(s *Seed) bulk { return bulkOf(&s.Issuances, fastIssuance) }},
}

// encodeSeed writes json.Marshal(s) and an end of line to w, the long lists in parts encoded at
// once and written as they come, so that little more than a part is held in memory.
func encodeSeed(w io.Writer, s *Seed) error {
	rest := *s
	rest.CreditBatches, rest.Issuances = nil, nil
	b, err := json.Marshal(&rest)
	if err != nil {
		return err
	}
	// rest holds each key with null: write b with the lists in their place, in the order of b.
	// (Keys are not found inside JSON strings, whose quotes are escaped.)
	type cut struct {
		at, skip int
		encode   func(io.Writer, *Seed) error
	}
	var cuts []cut
	for _, l := range bulkLists {
		placeholder := `"` + l.key + `":null`
		i := bytes.Index(b, []byte(placeholder))
		if i < 0 {
			return fmt.Errorf("encode state: no %s", l.key)
		}
		cuts = append(cuts, cut{at: i + len(l.key) + 3, skip: len("null"), encode: l.encode})
	}
	slices.SortFunc(cuts, func(x, y cut) int { return x.at - y.at })
	prev := 0
	for _, c := range cuts {
		if _, err := w.Write(b[prev:c.at]); err != nil {
			return err
		}
		if err := c.encode(w, s); err != nil {
			return err
		}
		prev = c.at + c.skip
	}
	_, err = w.Write(append(b[prev:], '\n'))
	return err
}

// encodeList writes json.Marshal(items) to w: parts of listPart records, as many encoded at once
// as there are CPUs.
func encodeList[T any](w io.Writer, items []*T) error {
	if items == nil {
		_, err := io.WriteString(w, "null")
		return err
	}
	const listPart = 2048
	workers := runtime.GOMAXPROCS(0)
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	for start := 0; start < len(items); start += listPart * workers {
		parts := make([][]byte, workers)
		errs := make([]error, workers)
		inParallel(workers, func(k int) {
			lo := start + k*listPart
			if hi := min(lo+listPart, len(items)); lo < hi {
				parts[k], errs[k] = json.Marshal(items[lo:hi])
			}
		})
		if err := errors.Join(errs...); err != nil {
			return err
		}
		for k, p := range parts {
			if p == nil {
				continue
			}
			if start+k*listPart > 0 {
				if _, err := io.WriteString(w, ","); err != nil {
					return err
				}
			}
			if _, err := w.Write(p[1 : len(p)-1]); err != nil {
				return err
			}
		}
	}
	_, err := io.WriteString(w, "]")
	return err
}

// partsOf is how many parts a list of n records is cut into: one per CPU, of 1000 records at least.
func partsOf(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n/1000)) }

// inParallel runs fn(0) ... fn(parts-1) at once and waits for them.
func inParallel(parts int, fn func(part int)) {
	var wg sync.WaitGroup
	for w := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(w)
		}()
	}
	wg.Wait()
}

// decodeSeed parses a seed or state file without validating it, as a json.Decoder with
// DisallowUnknownFields would.
func decodeSeed(b []byte) (*Seed, error) {
	fields, err := splitObject(b, isBulk)
	if err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	var s Seed
	bulks := map[string]jsonField{}
	var rest bytes.Buffer
	rest.WriteByte('{')
	for _, f := range fields {
		if isBulk(f.key) {
			bulks[f.key] = f
			continue
		}
		if rest.Len() > 1 {
			rest.WriteByte(',')
		}
		rest.Write(f.raw)
	}
	rest.WriteByte('}')
	dec := json.NewDecoder(bytes.NewReader(rest.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	for _, l := range bulkLists {
		if f, ok := bulks[l.key]; ok {
			if err := l.set(&s).decode(b, f); err != nil {
				return nil, fmt.Errorf("invalid JSON: %s%w", l.key, err)
			}
		}
	}
	return &s, nil
}

func isBulk(key string) bool {
	for _, l := range bulkLists {
		if l.key == key {
			return true
		}
	}
	return false
}

// bulk decodes a JSON array, cut into its elements, into a list of records.
type bulk interface {
	decode(b []byte, f jsonField) error
}

type bulkList[T any] struct {
	list *[]*T
	fast func([]byte, *T) bool // the fast path (state_fastjson.go)
}

func bulkOf[T any](list *[]*T, fast func([]byte, *T) bool) bulk { return bulkList[T]{list, fast} }

// decode decodes the elements of f (offsets in b) in parts at once, each on the fast path or
// else with encoding/json; errors name the element ("[12]: ...").
func (l bulkList[T]) decode(b []byte, f jsonField) error {
	if string(f.value) == "null" {
		*l.list = nil
		return nil
	}
	if f.elems == nil {
		return errors.New(": want an array")
	}
	elems := f.elems
	out := make([]*T, len(elems))
	vals := make([]T, len(elems))
	parts := partsOf(len(elems))
	errs := make([]error, parts)
	inParallel(parts, func(w int) {
		for i := w * len(elems) / parts; i < (w+1)*len(elems)/parts; i++ {
			e := b[elems[i][0]:elems[i][1]]
			if string(e) == "null" {
				continue
			}
			if !l.fast(e, &vals[i]) {
				var zero T
				vals[i] = zero
				dec := json.NewDecoder(bytes.NewReader(e))
				dec.DisallowUnknownFields()
				if err := dec.Decode(&vals[i]); err != nil {
					errs[w] = fmt.Errorf("[%d]: %w", i, err)
					return
				}
			}
			out[i] = &vals[i]
		}
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	*l.list = out
	return nil
}

// jsonField is one member of a JSON object: its key, its raw value, the whole member, and for an
// array value that was asked to be cut, its elements (offsets in the object's bytes; non-nil).
type jsonField struct {
	key        string
	value, raw []byte
	elems      [][2]int
}

// splitObject cuts the JSON object b into its members, and the array values of the keys cut asks
// for into their elements. Values are only delimited, not checked (their decoder checks them).
func splitObject(b []byte, cut func(key string) bool) ([]jsonField, error) {
	var out []jsonField
	end, err := members(b, skipSpace(b, 0), '{', '}', func(start int) (int, error) {
		if b[start] != '"' {
			return 0, fmt.Errorf("offset %d: want a key", start)
		}
		end, err := skipValue(b, start)
		if err != nil {
			return 0, err
		}
		var key string
		if err := json.Unmarshal(b[start:end], &key); err != nil {
			return 0, fmt.Errorf("offset %d: %w", start, err)
		}
		i := skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return 0, fmt.Errorf("offset %d: want ':'", i)
		}
		f := jsonField{key: key}
		vstart := skipSpace(b, i+1)
		var vend int
		if cut(key) && vstart < len(b) && b[vstart] == '[' {
			f.elems, vend, err = splitArray(b, vstart)
		} else {
			vend, err = skipValue(b, vstart)
		}
		if err != nil {
			return 0, err
		}
		f.value, f.raw = b[vstart:vend], b[start:vend]
		out = append(out, f)
		return vend, nil
	})
	if err != nil {
		return nil, err
	}
	return out, trailing(b, end)
}

// splitArray cuts the JSON array starting at offset start of b into its elements (delimited, not
// checked): their offsets in b, start and end (never nil); and the offset after the array.
func splitArray(b []byte, start int) ([][2]int, int, error) {
	out := [][2]int{}
	end, err := members(b, start, '[', ']', func(start int) (int, error) {
		end, err := skipValue(b, start)
		if err == nil {
			out = append(out, [2]int{start, end})
		}
		return end, err
	})
	return out, end, err
}

// members walks the members of the object or array at offset i of b (opened by opening, closed
// by closing): member reads the one at offset start and returns the offset after it. It returns
// the offset after the closing bracket.
func members(b []byte, i int, opening, closing byte, member func(start int) (int, error)) (int, error) {
	if i >= len(b) || b[i] != opening {
		if opening == '{' {
			return 0, errors.New("want an object")
		}
		return 0, errors.New("want an array")
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == closing {
		return i + 1, nil
	}
	for {
		if i >= len(b) {
			return 0, errors.New("unexpected end of JSON input")
		}
		end, err := member(i)
		if err != nil {
			return 0, err
		}
		i = skipSpace(b, end)
		switch {
		case i < len(b) && b[i] == ',':
			i = skipSpace(b, i+1)
		case i < len(b) && b[i] == closing:
			return i + 1, nil
		default:
			return 0, fmt.Errorf("offset %d: want ',' or '%c'", i, closing)
		}
	}
}

// trailing fails unless only white space follows offset i.
func trailing(b []byte, i int) error {
	if j := skipSpace(b, i); j < len(b) {
		return fmt.Errorf("offset %d: more than one value", j)
	}
	return nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue is the offset after the value starting at i: a string, an object or an array
// (matching brackets outside strings), or a literal up to the next delimiter.
func skipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, errors.New("unexpected end of JSON input")
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				end, err := skipString(b, i)
				if err != nil {
					return 0, err
				}
				i = end
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1, nil
				}
			}
			i++
		}
		return 0, errors.New("unexpected end of JSON input")
	default:
		j := i
		for j < len(b) && bytes.IndexByte([]byte(",}] \t\n\r"), b[j]) < 0 {
			j++
		}
		if j == i {
			return 0, fmt.Errorf("offset %d: want a value", i)
		}
		return j, nil
	}
}

// skipString is the offset after the string starting at b[i] == '"'.
func skipString(b []byte, i int) (int, error) {
	for j := i + 1; ; {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return 0, errors.New("unexpected end of JSON input in a string")
		}
		j += k
		backslashes := 0
		for p := j - 1; p > i && b[p] == '\\'; p-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return j + 1, nil
		}
		j++
	}
}
