package ledger

import "fmt"

// Batch is a credit batch as the plan read it: the part of an owner's credits a claim may draw on.
type Batch struct {
	ID string
	Kg int64
}

// Pool is the credits an oldest-first retirement draws on: the owner's active batches of one
// supplier, optionally of one vintage and/or delivered through one order, in the order the
// registry retires them (oldest first: ascending issued_at, then serial number).
type Pool struct {
	Owner, Supplier string
	// Vintage is 0 for any vintage; Order is "" for any order.
	Vintage int64
	Order   string
	Batches []Batch
}

// Key identifies the pool's selection (not its contents).
func (p *Pool) Key() string {
	return fmt.Sprintf("%s/%s/%d/%s", p.Owner, p.Supplier, p.Vintage, p.Order)
}

// Kg is what the pool holds.
func (p *Pool) Kg() int64 {
	var kg int64
	for _, b := range p.Batches {
		kg += b.Kg
	}
	return kg
}

// Describe renders the pool's selection for messages.
func (p *Pool) Describe() string {
	s := fmt.Sprintf("the active credits of supplier %s owned by %s", p.Supplier, p.Owner)
	if p.Vintage != 0 {
		s += fmt.Sprintf(" of vintage %d", p.Vintage)
	}
	if p.Order != "" {
		s += " delivered through order " + p.Order
	}
	return s
}

// Use is the kg a claim takes from one named batch.
type Use struct {
	// Named is the batch as configured; Batch is the batch the request will use: the named one,
	// or its remaining part (the right child of its split, recursively), as read.
	Named string
	Batch Batch
	Kg    int64
}

// OldestFirst is the kg an oldest-first retirement takes from its pool.
type OldestFirst struct {
	Pool *Pool
	Kg   int64
}

// OrderUse is the kg a delivery takes of an order's remaining quantity.
type OrderUse struct {
	Order string
	// RemainingKg is the order's remaining quantity as read (ordered - delivered).
	RemainingKg int64
	Kg          int64
}

// Claim is what one planned create claims.
type Claim struct {
	// Key identifies the create, so that its apply can release the claim.
	Key string
	// Who describes the create in other creates' messages.
	Who string
	// Uses are the named batches (by-batch retirements, transfers, deliveries).
	Uses []Use
	// OldestFirst is an oldest-first retirement's pool and kg (nil otherwise).
	OldestFirst *OldestFirst
	// Order is a delivery's use of its order (nil otherwise).
	Order *OrderUse
	// Unique is a value the registry holds once (a beneficiary's "domain:…" or "email:…"), "" for none.
	Unique string
}

// ConflictKind says which condition a claim set fails.
type ConflictKind int

const (
	// BatchOverdrawn: the kg named from a batch, plus what oldest-first retirements may take of
	// it in some order, exceed its size.
	BatchOverdrawn ConflictKind = iota + 1
	// PoolOverdrawn: an oldest-first retirement may find too little left in its pool once the
	// other claims on the pool's credits ran first.
	PoolOverdrawn
	// OrderOverdrawn: the deliveries against an order exceed its remaining quantity.
	OrderOverdrawn
	// UniqueTwice: two creates claim a value the registry holds once.
	UniqueTwice
)

// Conflict is one condition the claim set fails, with every claim involved.
type Conflict struct {
	Kind ConflictKind
	// Batch is the overdrawn batch (BatchOverdrawn); Pool the pool (PoolOverdrawn); Order the
	// order ID (OrderOverdrawn); Unique the value (UniqueTwice).
	Batch  Batch
	Pool   *Pool
	Order  string
	Unique string
	// NeedKg is what the claims may need in the worst order; HaveKg what there is.
	NeedKg, HaveKg int64
	// Claims are all the claims involved, in the order they were added.
	Claims []*Claim
	// Parts describe each involved claim's share, in the order of Claims.
	Parts []Part
}

// Part is one claim's share in a conflict, for messages.
type Part struct {
	Claim *Claim
	// Kg is what the claim takes (or, for an oldest-first retirement in a batch conflict, may take
	// of the batch in the worst order).
	Kg int64
	// Named is the configured batch the share comes from ("" for oldest first, orders, uniques).
	Named string
	// OldestFirst is true for an oldest-first retirement's share.
	OldestFirst bool
}

// Holds reports whether the pool holds batch id.
func (p *Pool) Holds(id string) bool {
	for _, b := range p.Batches {
		if b.ID == id {
			return true
		}
	}
	return false
}
