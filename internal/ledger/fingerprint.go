package ledger

// One fingerprint of a transaction, under the equivalences the plan itself accepts, for the three
// places that ask "is this the same operation?": a create against a record the same plan forgets
// (a rename), against a recent registry record (a repeat), and, after a POST whose answer was
// lost, against the records that may be its outcome (discovery).
//
// The equivalences:
//   - a configured batch and the part the registry recorded: a configuration names a batch, the
//     registry records the batch itself when used whole, else the left child of its split; and once
//     split, a named batch is used through its remaining part (the right child, recursively). So
//     every batch reference is reduced to its origin (Origin) and compared with its kg;
//   - list order: credits are compared as a multiset;
//   - purposes are a set, notes are trimmed (the caller canonicalises fields: CanonicalSet);
//   - an oldest-first create matches a record of the same total whose credits all come from its
//     selection (supplier, vintage, order).
//
// A value the plan does not know yet (Terraform's unknown) makes the comparison Undecided, never
// Same: the caller decides again once it is known, before anything is sent.

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Value is one canonical argument value, or unknown.
type Value struct {
	V     string
	Known bool
}

// Known is a known value.
func Known(s string) Value { return Value{V: s, Known: true} }

// KnownKg is a known quantity.
func KnownKg(kg int64) Value { return Known(strconv.FormatInt(kg, 10)) }

// Unknown is a value known only at apply.
func Unknown() Value { return Value{} }

// CanonicalSet is a set of strings as one value: sorted, without repeats.
func CanonicalSet(items []string) string {
	s := slices.Clone(items)
	slices.Sort(s)
	return strings.Join(slices.Compact(s), ",")
}

// CanonicalNotes is a note as compared: absent and empty are the same, surrounding space ignored.
func CanonicalNotes(s string) string { return strings.TrimSpace(s) }

// Credit is one batch of a transaction: its origin (Origin) and the kg.
type Credit struct {
	Origin string
	Kg     int64
}

// Selection is what an oldest-first create asks for: kg of the oldest credits of its supplier
// (the supplier is a field), of a vintage and an order when set.
type Selection struct {
	Kg Value
	// Vintage is "" for any vintage; Order "" for any order.
	Vintage, Order Value
}

// Fingerprint is a transaction under the plan's equivalences.
type Fingerprint struct {
	// Kind is the resource type; Fields the other arguments that say what the operation does
	// (owner, beneficiary or recipient, supplier, purposes, notes, order…), canonical.
	Kind   string
	Fields map[string]Value
	// Credits are the batches (by origin) and kg; CreditsKnown is false when the list is known only
	// at apply. A create in oldest-first mode has Selection instead.
	Credits      []Credit
	CreditsKnown bool
	Selection    *Selection
	// Vintage and Order are, for a record, the vintage and order all its credits share ("" when
	// none), which an oldest-first create's selection is compared with.
	Vintage, Order string
}

// SelectsOrder reports whether an oldest-first create selects credits of one order (known or not),
// so that a record's order is needed to compare it.
func (f Fingerprint) SelectsOrder() bool {
	return f.Selection != nil && (!f.Selection.Order.Known || f.Selection.Order.V != "")
}

// Verdict is the outcome of comparing a create with a record.
type Verdict int

const (
	// Different: some known value differs.
	Different Verdict = iota
	// Same: every value is known and equal under the equivalences.
	Same
	// Undecided: every known value is equal, but some are unknown.
	Undecided
)

func (v Verdict) String() string {
	switch v {
	case Same:
		return "same"
	case Undecided:
		return "undecided"
	default:
		return "different"
	}
}

// Match compares a create with a record (a forgotten state, a registry record). unknown lists
// the names of the values that left it undecided.
func Match(create, record Fingerprint) (v Verdict, unknown []string) {
	if create.Kind != record.Kind {
		return Different, nil
	}
	// The fields both sides know of (a record may not say everything an argument does: a prefilter
	// of a registry record before its batches are read has no supplier).
	names := make([]string, 0, len(create.Fields))
	for name := range create.Fields {
		if _, ok := record.Fields[name]; ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		a, b := create.Fields[name], record.Fields[name]
		switch {
		case !a.Known || !b.Known:
			unknown = append(unknown, name)
		case a.V != b.V:
			return Different, nil
		}
	}
	switch {
	case create.Selection != nil:
		s := create.Selection
		if !record.CreditsKnown {
			unknown = append(unknown, "credits")
			break
		}
		if len(record.Credits) == 0 {
			return Different, nil
		}
		for _, f := range []struct {
			name    string
			want    Value
			have    string
			anyWhen bool
		}{
			{"credit_quantity_kg", s.Kg, strconv.FormatInt(totalKg(record.Credits), 10), false},
			{"vintage", s.Vintage, record.Vintage, true},
			{"order_id", s.Order, record.Order, true},
		} {
			switch {
			case !f.want.Known:
				unknown = append(unknown, f.name)
			case f.anyWhen && f.want.V == "":
			case f.want.V != f.have:
				return Different, nil
			}
		}
	case !create.CreditsKnown || !record.CreditsKnown:
		unknown = append(unknown, "credit_batch_quantities")
	case !sameCredits(create.Credits, record.Credits):
		return Different, nil
	}
	if len(unknown) > 0 {
		return Undecided, unknown
	}
	return Same, nil
}

// sameCredits compares two credit lists as multisets.
func sameCredits(a, b []Credit) bool {
	if len(a) != len(b) {
		return false
	}
	key := func(c Credit) string { return fmt.Sprintf("%s/%d", c.Origin, c.Kg) }
	count := map[string]int{}
	for _, c := range a {
		count[key(c)]++
	}
	for _, c := range b {
		k := key(c)
		if count[k] == 0 {
			return false
		}
		count[k]--
	}
	return true
}

func totalKg(cs []Credit) int64 {
	var kg int64
	for _, c := range cs {
		kg += c.Kg
	}
	return kg
}

// Node is a batch's place in its split tree.
type Node struct {
	ID, Owner           string
	Parent, Left, Right string
}

// Lineage reads a batch's place in its split tree.
type Lineage func(id string) (Node, error)

// Origin is the batch a configuration names for a part of owner's credits: the part itself, or,
// for the left child of a split of a batch owner held (the part a transaction of owner took), that
// batch; then up the chain of remaining parts (while the batch is the right child of a split) to
// the batch the remaining parts came from. A configured batch and the part the registry recorded
// for it have the same origin; so do a batch and each of its remaining parts.
func Origin(read Lineage, id, owner string) (string, error) {
	b, err := read(id)
	if err != nil {
		return "", err
	}
	if b.Parent != "" {
		p, err := read(b.Parent)
		if err != nil {
			return "", err
		}
		if p.Left == b.ID && p.Owner == owner {
			b = p
		}
	}
	for hops := 0; b.Parent != ""; hops++ {
		if hops > 1000 {
			return "", fmt.Errorf("credit batch %s: the chain of split batches does not end", id)
		}
		p, err := read(b.Parent)
		if err != nil {
			return "", err
		}
		if p.Right != b.ID {
			break
		}
		b = p
	}
	return b.ID, nil
}
