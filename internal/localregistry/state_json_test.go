package localregistry

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestStateJSONIsEncodingJSON: encodeSeed writes what json.Marshal writes, and decodeSeed reads
// what a json.Decoder with DisallowUnknownFields reads, refusing what it refuses.
func TestStateJSONIsEncodingJSON(t *testing.T) {
	worlds := map[string]*Seed{"demo": DemoSeed(), "scale": ScaleSeed(ScaleOptions{Batches: 5000, Retirements: 3, Transfers: 2}), "empty": {ClientSecret: "x"}}
	for name, s := range worlds {
		if len(s.CreditBatches) > 0 {
			s.CreditBatches[0].SerialNumber = `ISO-"quoted\" <&>` + "\u2028-0-1" // escapes survive the split
		}
		want, _ := json.Marshal(s)
		var got bytes.Buffer
		err := encodeSeed(&got, s)
		if err != nil || !bytes.Equal(got.Bytes(), append(want, '\n')) {
			t.Errorf("%s: encodeSeed differs from json.Marshal: %v", name, err)
		}
		var indented bytes.Buffer
		_ = json.Indent(&indented, want, "", "  ")
		for _, in := range [][]byte{want, indented.Bytes()} {
			d, err := decodeSeed(in)
			if err != nil {
				t.Fatalf("%s: decodeSeed: %v", name, err)
			}
			if b, _ := json.Marshal(d); !bytes.Equal(b, want) {
				t.Errorf("%s: decodeSeed read another seed", name)
			}
		}
	}
	for in, msg := range map[string]string{
		`{"client_secret":"x","credit_batches":[{"id":"a"},{"idd":"b"}]}`: `credit_batches[1]: json: unknown field "idd"`,
		`{"client_secret":"x","organizations":[]}`:                        `unknown field "organizations"`,
		`{"client_secret":"x","issuances":[{"id":1}]}`:                    "issuances[0]",
		`{"client_secret":"x"} {}`:                                        "more than one value",
		`{"client_secret":"x","credit_batches":[{}{}]}`:                   "want ',' or ']'",
		`{"client_secret":"x","credit_batches":[{"id":"a}]}`:              "end of JSON input",
		`{"client_secret" "x"}`:                                           "want ':'",
		`[]`:                                                              "want an object",
		`{"client_secret":"x","credit_batches":{}}`:                       "want an array",
	} {
		if _, err := decodeSeed([]byte(in)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: got %v, want an error with %q", in, err, msg)
		}
	}
	if s, err := decodeSeed([]byte(`{"client_secret":"x","credit_batches":[],"issuances":null}`)); err != nil || s.CreditBatches == nil || s.Issuances != nil {
		t.Errorf("empty and null lists: %v %+v", err, s)
	}
}

// TestCloneSharesNothing walks a clone and its original side by side: no pointer, slice or map
// of the clone points into the original.
func TestCloneSharesNothing(t *testing.T) {
	s := ScaleSeed(ScaleOptions{Batches: 3, Retirements: 1, Transfers: 1})
	for _, x := range append(s.Suppliers, &SeedSupplier{}) {
		if x.Location != nil {
			x.Location.Description = strPtr("somewhere")
		}
	}
	c := s.Clone()
	if a, b := mustJSON(s), mustJSON(c); a != b {
		t.Fatal("the clone differs")
	}
	var walk func(path string, a, b reflect.Value)
	walk = func(path string, a, b reflect.Value) {
		switch a.Kind() {
		case reflect.Pointer:
			if a.IsNil() {
				return
			}
			if a.Pointer() == b.Pointer() {
				t.Errorf("%s: shared pointer", path)
			}
			walk(path, a.Elem(), b.Elem())
		case reflect.Slice:
			if a.Len() > 0 && a.Pointer() == b.Pointer() {
				t.Errorf("%s: shared slice", path)
			}
			for i := range a.Len() {
				walk(path+"[]", a.Index(i), b.Index(i))
			}
		case reflect.Struct:
			for i := range a.NumField() {
				if a.Type().Field(i).IsExported() {
					walk(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
				}
			}
		case reflect.Map:
			t.Errorf("%s: maps are not expected in a seed", path)
		} // strings are immutable: sharing them is fine

	}
	walk("Seed", reflect.ValueOf(s), reflect.ValueOf(c))
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// FuzzFastRecords: whatever the fast path reads, encoding/json reads the same way.
func FuzzFastRecords(f *testing.F) {
	s := ScaleSeed(ScaleOptions{Batches: 2, Retirements: 1})
	for _, b := range s.CreditBatches {
		f.Add(mustJSON(b))
	}
	f.Add(mustJSON(s.Issuances[0]))
	for _, x := range []string{
		`{"id":"a","ID":"b"}`, `{"id":"a","id":"b"}`, `{"size_kg":1e3}`, `{"size_kg":01}`, `{"size_kg":-0}`, `{"size_kg":9223372036854775808}`,
		`{"id":"\u0041"}`, `{"id":"é"}`, `{"parent_id":null,"carbon_removal_data":{"losses_kg":2,"losses_kg":3}}`, `{"status":null}`,
		`{"issued_at":"2025-01-01T00:00:00Z","id":"x"}`, `{"issued_at":"2025-01-01 00:00:00"}`, ` { "id" : "a" } `, `{"id":"a"}x`, `{}`,
		`{"buffer_pool":true,"ccp_approved":false}`, `{"carbon_removal_data":{}}`, `{"retirement_id":"r","delivery_id":null}`,
	} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, in string) {
		fastAgrees(t, in, fastCreditBatch)
		fastAgrees(t, in, fastIssuance)
	})
}

func fastAgrees[T any](t *testing.T, in string, fast func([]byte, *T) bool) {
	var x T
	if !fast([]byte(in), &x) {
		return
	}
	var y T
	dec := json.NewDecoder(strings.NewReader(in))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&y); err != nil {
		t.Fatalf("%s: the fast path read %+v, encoding/json refuses: %v", in, x, err)
	}
	if dec.More() {
		t.Fatalf("%s: the fast path read trailing data", in)
	}
	if !reflect.DeepEqual(x, y) {
		t.Fatalf("%s: the fast path read %+v, encoding/json %+v", in, x, y)
	}
}
