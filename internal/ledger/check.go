package ledger

// The conditions a claim set must meet so that every operation applies in full, whatever order
// Terraform runs them in. The registry's rules, as the local registry applies them:
//
//   - a by-batch operation takes its kg from the named batch, or from the batch's remaining part
//     when an earlier operation split it (the split's right child keeps the rest, and the place of
//     the batch in the oldest-first order);
//   - an oldest-first retirement takes whole batches of its pool, oldest first, and splits the
//     last one; it fails when the pool holds less than its kg;
//   - a delivery fails when its order has less left to deliver than its kg;
//   - a beneficiary fails when its domain or email is already registered.
//
// For each condition the left-hand side is the most the other claims can take in the worst order,
// so "need <= have" for every condition means no order fails (sound). Every term only grows when
// a claim is added, so the conditions are monotone, and the verdict does not depend on the order
// claims arrive in. Where an exact worst case would need every order to be tried, the bound is an
// upper one: the property tests measure how often that refuses a set that every order applies
// (over-caution), and DESIGN.md gives the figure.
//
// Pool condition, for an oldest-first retirement Y of pool P:
//
//	kg(Y) + named(P) + Σ_{Z≠Y} min(kg(Z), kg(P ∩ P_Z)) <= kg(P)
//
// (the other claims take at most what they name in P, and each other oldest-first retirement at
// most its kg, and no more than its pool shares with P).
//
// Batch condition, for a batch b that creates name:
//
//	named(b) + Σ_Y take_Y(b) <= kg(b)
//
// where take_Y(b), what oldest-first Y may take of b, is 0 unless b is in Y's pool, and at most
// kg(Y) - (kg of Y's pool older than b) + (what the others may take of those older credits): Y
// reaches b only once the older credits are gone.

import (
	"slices"
	"strings"
)

// Check returns every condition the claim set fails (none: every order applies every claim).
func Check(claims []*Claim) []Conflict {
	w := newWorld(claims)
	var out []Conflict
	out = append(out, w.batchConflicts()...)
	out = append(out, w.poolConflicts()...)
	out = append(out, orderConflicts(claims)...)
	out = append(out, uniqueConflicts(claims)...)
	return out
}

// world is the claim set's view of the credits: each batch's kg (the latest read of it wins),
// the kg named from each batch, and each distinct pool with its order.
type world struct {
	claims []*Claim
	kg     map[string]int64
	named  map[string]int64
	// pools by Pool.Key; oldest lists the oldest-first claims.
	pools  map[string]*poolIndex
	poolOf map[*Claim]*poolIndex
	oldest []*Claim
}

// poolIndex is one pool's batches, their position in the oldest-first order and prefix sums.
type poolIndex struct {
	pool   *Pool
	pos    map[string]int
	prefix []int64 // prefix[p] = kg of the batches before position p
}

func newWorld(claims []*Claim) *world {
	w := &world{claims: claims, kg: map[string]int64{}, named: map[string]int64{}, pools: map[string]*poolIndex{},
		poolOf: map[*Claim]*poolIndex{}}
	// The latest read of a selection wins (in an apply, a pool read after a POST replaces the one
	// read before it); each distinct pool is indexed once, however many claims draw on it.
	latest := map[string]*Pool{}
	var keys []string
	for _, c := range claims {
		if c.OldestFirst == nil {
			continue
		}
		k := c.OldestFirst.Pool.Key()
		if latest[k] == nil {
			keys = append(keys, k)
		}
		latest[k] = c.OldestFirst.Pool
	}
	for _, k := range keys {
		for _, b := range latest[k].Batches {
			w.kg[b.ID] = b.Kg
		}
	}
	for _, c := range claims {
		for _, u := range c.Uses {
			w.kg[u.Batch.ID] = u.Batch.Kg
			w.named[u.Batch.ID] += u.Kg
		}
	}
	for _, k := range keys {
		p := &poolIndex{pool: latest[k], pos: make(map[string]int, len(latest[k].Batches)), prefix: make([]int64, len(latest[k].Batches)+1)}
		for i, b := range p.pool.Batches {
			p.pos[b.ID] = i
			p.prefix[i+1] = p.prefix[i] + w.kg[b.ID]
		}
		w.pools[k] = p
	}
	for _, c := range claims {
		if c.OldestFirst != nil {
			w.oldest = append(w.oldest, c)
			w.poolOf[c] = w.pools[c.OldestFirst.Pool.Key()]
		}
	}
	return w
}

// pool is the index of an oldest-first claim's pool.
func (w *world) pool(c *Claim) *poolIndex { return w.poolOf[c] }

// shared is the kg of the batches of p before position upto that q holds too.
func (w *world) shared(p *poolIndex, upto int, q *poolIndex) int64 {
	if p == q {
		return p.prefix[upto]
	}
	var kg int64
	for _, b := range p.pool.Batches[:upto] {
		if _, ok := q.pos[b.ID]; ok {
			kg += w.kg[b.ID]
		}
	}
	return kg
}

// namedBefore is the kg named from the batches of p before position upto.
func (w *world) namedBefore(p *poolIndex, upto int) int64 {
	var kg int64
	for _, b := range p.pool.Batches[:upto] {
		kg += w.named[b.ID]
	}
	return kg
}

// othersMayTake is, for each oldest-first claim, the most the other oldest-first claims may take
// of the batches of p before position upto: the sum over all of min(kg, shared), less the claim's
// own term.
func (w *world) othersMayTake(p *poolIndex, upto int) (all int64, own map[*Claim]int64) {
	own = make(map[*Claim]int64, len(w.oldest))
	sharedWith := map[*poolIndex]int64{}
	for _, z := range w.oldest {
		q := w.pool(z)
		s, ok := sharedWith[q]
		if !ok {
			s = w.shared(p, upto, q)
			sharedWith[q] = s
		}
		t := min(z.OldestFirst.Kg, s)
		own[z] = t
		all += t
	}
	return all, own
}

// poolConflicts checks the pool condition of every oldest-first claim.
func (w *world) poolConflicts() []Conflict {
	var out []Conflict
	type pre struct {
		all, named int64
		own        map[*Claim]int64
	}
	memo := map[*poolIndex]pre{}
	for _, y := range w.oldest {
		p := w.pool(y)
		m, ok := memo[p]
		if !ok {
			m.all, m.own = w.othersMayTake(p, len(p.pool.Batches))
			m.named = w.namedBefore(p, len(p.pool.Batches))
			memo[p] = m
		}
		have := p.prefix[len(p.pool.Batches)]
		need := y.OldestFirst.Kg + m.named + m.all - m.own[y]
		if need <= have {
			continue
		}
		x := Conflict{Kind: PoolOverdrawn, Pool: p.pool, NeedKg: need, HaveKg: have}
		for _, c := range w.claims {
			switch {
			case c == y:
				x.add(c, Part{Kg: y.OldestFirst.Kg, OldestFirst: true})
			case c.OldestFirst != nil && m.own[c] > 0:
				x.add(c, Part{Kg: m.own[c], OldestFirst: true})
			}
			for _, u := range c.Uses {
				if _, in := p.pos[u.Batch.ID]; in {
					x.add(c, Part{Kg: u.Kg, Named: u.Named})
				}
			}
		}
		out = append(out, x)
	}
	return out
}

// batchConflicts checks the batch condition of every named batch.
func (w *world) batchConflicts() []Conflict {
	ids := make([]string, 0, len(w.named))
	for id := range w.named {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []Conflict
	for _, id := range ids {
		size := w.kg[id]
		need := w.named[id]
		takes := map[*Claim]int64{}
		for p := range w.poolsHolding(id) {
			at := p.pos[id]
			older := p.prefix[at]
			othersOlder, own := w.othersMayTake(p, at)
			othersOlder += w.namedBefore(p, at)
			for _, y := range w.oldest {
				if w.pool(y) != p {
					continue
				}
				t := y.OldestFirst.Kg - older + othersOlder - own[y]
				t = max(0, min(t, y.OldestFirst.Kg, size))
				if t > takes[y] {
					takes[y] = t
				}
			}
		}
		for _, t := range takes {
			need += t
		}
		if need <= size {
			continue
		}
		x := Conflict{Kind: BatchOverdrawn, Batch: Batch{ID: id, Kg: size}, NeedKg: need, HaveKg: size}
		for _, c := range w.claims {
			for _, u := range c.Uses {
				if u.Batch.ID == id {
					x.add(c, Part{Kg: u.Kg, Named: u.Named})
				}
			}
			if takes[c] > 0 {
				x.add(c, Part{Kg: takes[c], OldestFirst: true})
			}
		}
		out = append(out, x)
	}
	return out
}

// poolsHolding yields the distinct pools that hold batch id.
func (w *world) poolsHolding(id string) map[*poolIndex]bool {
	out := map[*poolIndex]bool{}
	for _, p := range w.pools {
		if _, ok := p.pos[id]; ok {
			out[p] = true
		}
	}
	return out
}

// orderConflicts: the deliveries against one order fit its remaining quantity (the latest read).
func orderConflicts(claims []*Claim) []Conflict {
	total, remaining, ids := map[string]int64{}, map[string]int64{}, []string{}
	for _, c := range claims {
		if c.Order == nil {
			continue
		}
		if _, seen := total[c.Order.Order]; !seen {
			ids = append(ids, c.Order.Order)
		}
		total[c.Order.Order] += c.Order.Kg
		remaining[c.Order.Order] = max(c.Order.RemainingKg, 0)
	}
	var out []Conflict
	for _, id := range ids {
		if total[id] <= remaining[id] {
			continue
		}
		x := Conflict{Kind: OrderOverdrawn, Order: id, NeedKg: total[id], HaveKg: remaining[id]}
		for _, c := range claims {
			if c.Order != nil && c.Order.Order == id {
				x.add(c, Part{Kg: c.Order.Kg})
			}
		}
		out = append(out, x)
	}
	return out
}

// uniqueConflicts: a value the registry holds once is claimed by one create (case-insensitive).
func uniqueConflicts(claims []*Claim) []Conflict {
	by := map[string][]*Claim{}
	var keys []string
	for _, c := range claims {
		if c.Unique == "" {
			continue
		}
		k := strings.ToLower(c.Unique)
		if by[k] == nil {
			keys = append(keys, k)
		}
		by[k] = append(by[k], c)
	}
	var out []Conflict
	for _, k := range keys {
		if len(by[k]) < 2 {
			continue
		}
		x := Conflict{Kind: UniqueTwice, Unique: by[k][0].Unique}
		for _, c := range by[k] {
			x.add(c, Part{})
		}
		out = append(out, x)
	}
	return out
}

// add records a claim's share (a claim may have several: one per named batch).
func (x *Conflict) add(c *Claim, p Part) {
	p.Claim = c
	x.Parts = append(x.Parts, p)
	if !slices.Contains(x.Claims, c) {
		x.Claims = append(x.Claims, c)
	}
}

// Involves reports whether c takes part in the conflict.
func (x *Conflict) Involves(c *Claim) bool { return slices.Contains(x.Claims, c) }
