package localregistry

import (
	"bytes"
	"slices"
	"strconv"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// A fast path for the records of a large seed or state file: credit batches and issuances in the
// plain form encoding/json writes them (known keys, each once, ASCII strings without escapes,
// integers) are read here several times faster than encoding/json reads them. Anything else
// makes the fast path give up, and the record is read by encoding/json, whose result or error is
// the answer (state_json.go): the fast path only ever gives what encoding/json would.

// flat reads one JSON value at a time from b; ok turns false at the first thing it does not take.
type flat struct {
	b  []byte
	i  int
	ok bool
}

func (s *flat) space() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
}

// peek is the next byte after white space (0 at the end).
func (s *flat) peek() byte {
	s.space()
	if s.i >= len(s.b) {
		return 0
	}
	return s.b[s.i]
}

func (s *flat) expect(c byte) {
	if s.ok && s.peek() == c {
		s.i++
		return
	}
	s.ok = false
}

// literal reads the word w (null, true, false).
func (s *flat) literal(w string) bool {
	s.space()
	if s.ok && len(s.b)-s.i >= len(w) && string(s.b[s.i:s.i+len(w)]) == w {
		s.i += len(w)
		return true
	}
	return false
}

// str reads a string of printable ASCII without escapes.
func (s *flat) str() string {
	s.expect('"')
	if !s.ok {
		return ""
	}
	n := bytes.IndexByte(s.b[s.i:], '"')
	if n < 0 {
		s.ok = false
		return ""
	}
	v := s.b[s.i : s.i+n]
	for _, c := range v {
		if !plain[c] {
			s.ok = false
			return ""
		}
	}
	s.i += n + 1
	return string(v)
}

// plain are the bytes a string may hold on the fast path: printable ASCII but the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '\\'
	}
	return t
}()

// strPtr reads null (nil) or a string.
func (s *flat) strPtr() *string {
	if s.literal("null") {
		return nil
	}
	v := s.str()
	return &v
}

// int reads an integer in JSON's form that fits in an int64.
func (s *flat) int() int64 {
	s.space()
	start := s.i
	if s.i < len(s.b) && s.b[s.i] == '-' {
		s.i++
	}
	digits := s.i
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
	}
	if s.i == digits || (s.b[digits] == '0' && s.i > digits+1) {
		s.ok = false
		return 0
	}
	if s.i < len(s.b) && (s.b[s.i] == '.' || s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.ok = false
		return 0
	}
	n, err := strconv.ParseInt(string(s.b[start:s.i]), 10, 64)
	if err != nil {
		s.ok = false
	}
	return n
}

func (s *flat) boolean() bool {
	switch {
	case s.literal("true"):
		return true
	case s.literal("false"):
		return false
	}
	s.ok = false
	return false
}

// time reads a string as time.Time's UnmarshalJSON does.
func (s *flat) time() time.Time {
	s.space()
	start := s.i
	s.str()
	var t time.Time
	if s.ok && t.UnmarshalJSON(s.b[start:s.i]) != nil {
		s.ok = false
	}
	return t
}

// object reads an object, calling field with the index in keys of each key, with the reader on
// its value. Every key must be one of keys, each at most once. Keys in the order of keys (the order
// encoding/json writes them in) are found at once.
func (s *flat) object(keys []string, field func(key int)) {
	s.expect('{')
	var seen uint64
	if s.peek() == '}' {
		s.i++
		return
	}
	for next := 0; s.ok; next++ {
		k := s.str()
		s.expect(':')
		idx := next
		if next >= len(keys) || keys[next] != k {
			idx = slices.Index(keys, k)
		}
		if idx < 0 || seen&(1<<idx) != 0 || !s.ok {
			s.ok = false
			return
		}
		seen |= 1 << idx
		next = idx
		field(idx)
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return
		default:
			s.ok = false
		}
	}
}

// end: only white space is left.
func (s *flat) end() bool {
	s.space()
	return s.ok && s.i == len(s.b)
}

var batchKeys = []string{"id", "issuance_id", "serial_number", "size_kg", "status", "owner_organisation_id", "buffer_pool",
	"removal_id", "sequestered_on", "country_of_issue", "ccp_approved", "carbon_removal_data", "parent_id", "left_child_id",
	"right_child_id", "delivery_id", "retirement_id"}

var removalDataKeys = []string{"counterfactuals_kg", "emissions_kg", "gross_carbon_removed_kg", "losses_kg", "net_carbon_removed_kg"}

// fastCreditBatch reads a credit batch on the fast path; false: read it with encoding/json.
func fastCreditBatch(b []byte, x *SeedCreditBatch) bool {
	s := &flat{b: b, ok: true}
	s.object(batchKeys, func(k int) {
		switch batchKeys[k] {
		case "id":
			x.ID = s.str()
		case "issuance_id":
			x.IssuanceID = s.str()
		case "serial_number":
			x.SerialNumber = s.str()
		case "size_kg":
			x.SizeKg = s.int()
		case "status":
			x.Status = client.CreditBatchStatus(s.str())
		case "owner_organisation_id":
			x.OwnerOrganisationID = s.str()
		case "buffer_pool":
			x.BufferPool = s.boolean()
		case "removal_id":
			x.RemovalID = s.str()
		case "sequestered_on":
			x.SequesteredOn = s.str()
		case "country_of_issue":
			x.CountryOfIssue = s.str()
		case "ccp_approved":
			x.CCPApproved = s.boolean()
		case "carbon_removal_data":
			if s.literal("null") {
				return
			}
			d := &client.CarbonRemovalData{}
			s.object(removalDataKeys, func(k int) {
				v := s.int()
				switch removalDataKeys[k] {
				case "counterfactuals_kg":
					d.CounterfactualsKg = v
				case "emissions_kg":
					d.EmissionsKg = v
				case "gross_carbon_removed_kg":
					d.GrossCarbonRemovedKg = v
				case "losses_kg":
					d.LossesKg = v
				case "net_carbon_removed_kg":
					d.NetCarbonRemovedKg = v
				}
			})
			x.CarbonRemovalData = d
		case "parent_id":
			x.ParentID = s.strPtr()
		case "left_child_id":
			x.LeftChildID = s.strPtr()
		case "right_child_id":
			x.RightChildID = s.strPtr()
		case "delivery_id":
			x.DeliveryID = s.strPtr()
		case "retirement_id":
			x.RetirementID = s.strPtr()
		}
	})
	return s.end()
}

var issuanceKeys = []string{"id", "supplier_id", "project_id", "issued_at", "reporting_period_start_at", "reporting_period_end_at"}

// fastIssuance reads an issuance on the fast path; false: read it with encoding/json.
func fastIssuance(b []byte, x *SeedIssuance) bool {
	s := &flat{b: b, ok: true}
	s.object(issuanceKeys, func(k int) {
		switch issuanceKeys[k] {
		case "id":
			x.ID = s.str()
		case "supplier_id":
			x.SupplierID = s.str()
		case "project_id":
			x.ProjectID = s.str()
		case "issued_at":
			x.IssuedAt = s.time()
		case "reporting_period_start_at":
			x.ReportingPeriodStartAt = s.str()
		case "reporting_period_end_at":
			x.ReportingPeriodEndAt = s.str()
		}
	})
	return s.end()
}
