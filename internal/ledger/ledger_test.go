package ledger

import (
	"errors"
	"slices"
	"testing"
)

// The demo world's supplier A credits of the buyer: two 2024 batches (oldest first) and one 2025.
var (
	a2024x = Batch{ID: "ctb_A2024X", Kg: 5000}
	a2024y = Batch{ID: "ctb_A2024Y", Kg: 12500}
	a2025  = Batch{ID: "ctb_A2025", Kg: 10000}
)

func poolOf(vintage int64, batches ...Batch) *Pool {
	return &Pool{Owner: "org_buyer", Supplier: "spl_a", Vintage: vintage, Batches: batches}
}

func oldestFirst(key string, kg int64, p *Pool) *Claim {
	return &Claim{Key: key, Who: key, OldestFirst: &OldestFirst{Pool: p, Kg: kg}}
}

func named(key string, b Batch, kg int64) *Claim {
	return &Claim{Key: key, Who: key, Uses: []Use{{Named: b.ID, Batch: b, Kg: kg}}}
}

// claimAll adds the claims in order and returns the keys of the refused ones.
func claimAll(l *Ledger, cs ...*Claim) (refused []string, conflicts []Conflict) {
	for _, c := range cs {
		if xs := l.Claim(c); len(xs) > 0 {
			refused = append(refused, c.Key)
			conflicts = append(conflicts, xs...)
		}
	}
	return refused, conflicts
}

// A vintage-2024 oldest-first retirement and an any-vintage one of the same supplier: the second
// may take the 2024 credits first, so the pair is refused whichever the provider plans first.
func TestClaim_overlappingPoolsRefusedInEitherOrder(t *testing.T) {
	v2024 := poolOf(2024, a2024x, a2024y)
	anyVintage := poolOf(0, a2024x, a2024y, a2025)
	for _, order := range [][]string{{"A", "B"}, {"B", "A"}} {
		claims := map[string]*Claim{"A": oldestFirst("A", 17500, v2024), "B": oldestFirst("B", 10000, anyVintage)}
		var l Ledger
		refused, xs := claimAll(&l, claims[order[0]], claims[order[1]])
		if len(refused) != 1 || refused[0] != order[1] {
			t.Fatalf("order %v: refused %v, want the second claim refused", order, refused)
		}
		x := xs[0]
		if x.Kind != PoolOverdrawn || x.Pool != v2024 || x.NeedKg != 27500 || x.HaveKg != 17500 {
			t.Fatalf("order %v: conflict %+v, want the 2024 pool overdrawn, 27500 needed of 17500", order, x)
		}
		if !x.Involves(claims["A"]) || !x.Involves(claims["B"]) {
			t.Fatalf("order %v: the conflict names %d claims, want both", order, len(x.Claims))
		}
		if got := len(l.Claims()); got != 1 {
			t.Fatalf("order %v: %d claims kept, want 1", order, got)
		}
	}
}

// The same pair fits when the 2024 credits hold both in the worst order.
func TestClaim_overlappingPoolsThatFit(t *testing.T) {
	var l Ledger
	refused, _ := claimAll(&l, oldestFirst("A", 7500, poolOf(2024, a2024x, a2024y)), oldestFirst("B", 10000, poolOf(0, a2024x, a2024y, a2025)))
	if refused != nil {
		t.Fatalf("refused %v, want both accepted (7500 + 10000 <= 17500)", refused)
	}
}

// A named batch among the oldest credits of an oldest-first pool is accepted when, in every order,
// the named kg are still there; refused when the oldest-first retirement may reach into them.
func TestClaim_namedBatchAmongTheOldest(t *testing.T) {
	p := poolOf(0, a2024x, a2024y, a2025)
	var l Ledger
	if refused, _ := claimAll(&l, oldestFirst("O", 4000, p), named("N", a2024x, 1000)); refused != nil {
		t.Fatalf("refused %v: 4000 kg oldest first and 1000 kg named of a 5000 kg batch fit in every order", refused)
	}
	l = Ledger{}
	refused, xs := claimAll(&l, named("N", a2024x, 2000), oldestFirst("O", 4000, p))
	if !slices.Equal(refused, []string{"O"}) {
		t.Fatalf("refused %v, want O (it may take 4000 of the 5000 kg batch before N takes 2000)", refused)
	}
	if xs[0].Kind != BatchOverdrawn || xs[0].Batch.ID != a2024x.ID || xs[0].NeedKg != 6000 || xs[0].HaveKg != 5000 {
		t.Fatalf("conflict %+v, want batch %s overdrawn, 6000 of 5000", xs[0], a2024x.ID)
	}
}

// Older credits drained by a named claim push an oldest-first retirement into a later batch.
func TestClaim_drainedOlderCreditsPushIntoLaterBatch(t *testing.T) {
	p := poolOf(0, a2024x, a2024y, a2025)
	var l Ledger
	refused, _ := claimAll(&l, named("N1", a2024x, 5000), named("N2", a2024y, 12000), oldestFirst("O", 1000, p))
	if !slices.Equal(refused, []string{"O"}) {
		t.Fatalf("refused %v, want O: after N1 and N2 it takes the last 500 kg of %s and 500 kg N2 needs", refused, a2024y.ID)
	}
}

func TestClaim_orderAndUnique(t *testing.T) {
	var l Ledger
	d := func(key string, kg int64) *Claim {
		return &Claim{Key: key, Order: &OrderUse{Order: "ord_1", RemainingKg: 5000, Kg: kg}}
	}
	refused, xs := claimAll(&l, d("D1", 3000), d("D2", 2000), d("D3", 1))
	if !slices.Equal(refused, []string{"D3"}) || xs[0].Kind != OrderOverdrawn || xs[0].NeedKg != 5001 || len(xs[0].Claims) != 3 {
		t.Fatalf("refused %v, conflicts %+v: want D3 refused, 5001 of 5000, three claims named", refused, xs)
	}
	refused, xs = claimAll(&l, &Claim{Key: "B1", Unique: "domain:Example.com"}, &Claim{Key: "B2", Unique: "domain:example.COM"})
	if !slices.Equal(refused, []string{"B2"}) || xs[0].Kind != UniqueTwice {
		t.Fatalf("refused %v, conflicts %+v: want B2 refused for the same domain", refused, xs)
	}
	l.Release("B1")
	if refused, _ = claimAll(&l, &Claim{Key: "B2", Unique: "domain:example.com"}); refused != nil {
		t.Fatalf("after B1's release B2 is refused: %v", refused)
	}
}

func TestMatch(t *testing.T) {
	base := func() Fingerprint {
		return Fingerprint{Kind: "isometric_retirement", Fields: map[string]Value{"owner": Known("org_1"), "purposes": Known(CanonicalSet([]string{"b", "a", "a"}))},
			Credits: []Credit{{"ctb_1", 1000}, {"ctb_2", 500}}, CreditsKnown: true}
	}
	rec := base()
	rec.Credits = []Credit{{"ctb_2", 500}, {"ctb_1", 1000}}
	if v, _ := Match(base(), rec); v != Same {
		t.Fatalf("credits in another order: %v, want same", v)
	}
	c := base()
	c.Fields["owner"] = Unknown()
	if v, unknown := Match(c, rec); v != Undecided || !slices.Equal(unknown, []string{"owner"}) {
		t.Fatalf("unknown owner: %v %v, want undecided on owner", v, unknown)
	}
	c.Fields["purposes"] = Known("a")
	if v, _ := Match(c, rec); v != Different {
		t.Fatalf("an unknown value does not hide a known difference: got %v", v)
	}
	sel := base()
	sel.Credits, sel.CreditsKnown, sel.Selection = nil, false, &Selection{Kg: KnownKg(1500), Vintage: Known(""), Order: Unknown()}
	rec.Vintage = "2024"
	if v, unknown := Match(sel, rec); v != Undecided || !slices.Equal(unknown, []string{"order_id"}) {
		t.Fatalf("oldest first with unknown order: %v %v", v, unknown)
	}
	sel.Selection.Order, sel.Selection.Vintage = Known(""), Known("2025")
	if v, _ := Match(sel, rec); v != Different {
		t.Fatalf("oldest first of vintage 2025 against credits of 2024: %v", v)
	}
}

func TestOrigin(t *testing.T) {
	// P split by a retirement of org_1 (left L1), its remaining part R1 split again (left L2,
	// remaining R2); T is the left child of a batch of org_2 transferred to org_1.
	nodes := map[string]Node{
		"P":  {ID: "P", Owner: "org_1", Left: "L1", Right: "R1"},
		"L1": {ID: "L1", Owner: "org_1", Parent: "P"},
		"R1": {ID: "R1", Owner: "org_1", Parent: "P", Left: "L2", Right: "R2"},
		"L2": {ID: "L2", Owner: "org_1", Parent: "R1"},
		"R2": {ID: "R2", Owner: "org_1", Parent: "R1"},
		"Q":  {ID: "Q", Owner: "org_2", Left: "T", Right: "Q2"},
		"T":  {ID: "T", Owner: "org_1", Parent: "Q"},
		"Q2": {ID: "Q2", Owner: "org_2", Parent: "Q"},
	}
	read := func(id string) (Node, error) {
		n, ok := nodes[id]
		if !ok {
			return Node{}, errors.New("no batch " + id)
		}
		return n, nil
	}
	for id, want := range map[string]string{"P": "P", "L1": "P", "R1": "P", "L2": "P", "R2": "P", "T": "T"} {
		if got, err := Origin(read, id, "org_1"); err != nil || got != want {
			t.Errorf("Origin(%s) = %s, %v; want %s", id, got, err, want)
		}
	}
	// For the transfer's sender, the part it sent is the batch it split.
	if got, _ := Origin(read, "T", "org_2"); got != "Q" {
		t.Errorf("Origin(T) for org_2 = %s, want Q", got)
	}
}
