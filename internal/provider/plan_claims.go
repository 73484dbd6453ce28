package provider

// The plan as a whole, on the provider's side. Every planned create claims what it will use: kg
// of named batches (resolved to their remaining part), kg of an oldest-first pool, kg of an
// order's remaining quantity, a beneficiary domain. The rules live in internal/ledger, which
// checks the whole claim set of the walk on every add with conditions that do not depend on the
// order the provider sees its resources in; this file translates a create into a ledger claim
// (claimOp) and the ledger's conflicts into errors on the attribute of the create that pushed the
// plan over, naming the batch, pool or order, the numbers and every other claim involved.
// Terraform plans a resource again right before applying it; an applied create releases its
// claims, since the registry (read again after the POST) then holds its effect.

import (
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/ledger"
)

// planLedger holds the claims of the planned creates of one walk.
type planLedger struct {
	claims ledger.Ledger

	mu sync.Mutex
	// planned are the creates and forgets of this plan, to detect renames (never_twice.go).
	planned []plannedRecord
}

func newPlanLedger() planLedger { return planLedger{} }

// claimOp is what one planned create claims.
type claimOp struct {
	// Key identifies the create by its arguments, so that its Create can release the claims.
	Key string
	// Who describes the create in other creates' messages, e.g. "an isometric_transfer of 5000 kg
	// (5.000 t) to org_…".
	Who string
	// Batches are the named batches (each resolved to its remaining part, as read at plan time).
	Batches []batchClaim
	// Pool is an oldest-first retirement's pool (nil otherwise) and the pool as read.
	Pool   *creditPool
	PoolKg int64
	// Order is a delivery's order (nil otherwise).
	Order   *client.Order
	OrderKg int64
	// Domain is a beneficiary's domain ("" otherwise).
	Domain string
	// Path is the attribute errors about the pool, order or domain go on.
	Path path.Path
}

// batchClaim is the kg a create takes from one named batch.
type batchClaim struct {
	// Batch is the batch the request will use: the named one or its remaining part.
	Batch client.CreditBatch
	// Named is the configured batch ID.
	Named string
	Kg    int64
	// Path is the element's credit_quantity_kg attribute.
	Path path.Path
}

// ledgerClaim is the create as the ledger models it.
func (op *claimOp) ledgerClaim() *ledger.Claim {
	c := &ledger.Claim{Key: op.Key, Who: op.Who}
	for _, b := range op.Batches {
		c.Uses = append(c.Uses, ledger.Use{Named: b.Named, Batch: ledger.Batch{ID: b.Batch.ID, Kg: b.Batch.Size.CreditKgs}, Kg: b.Kg})
	}
	if op.Pool != nil {
		c.OldestFirst = &ledger.OldestFirst{Pool: op.Pool.Model, Kg: op.PoolKg}
	}
	if op.Order != nil {
		c.Order = &ledger.OrderUse{Order: op.Order.ID, Kg: op.OrderKg,
			RemainingKg: op.Order.CreditsOrdered.CreditKgs - op.Order.CreditsDelivered.CreditKgs}
	}
	if op.Domain != "" {
		c.Unique = "domain:" + op.Domain
	}
	return c
}

// claim adds op to the ledger when the whole claim set with it fits in every order; otherwise it
// adds an error for each conflict to diags and leaves the ledger unchanged.
func (l *planLedger) claim(op *claimOp, diags *diag.Diagnostics) {
	c := op.ledgerClaim()
	for _, x := range l.claims.Claim(c) {
		l.addConflictError(op, c, x, diags)
	}
}

// release removes one create with this key (its Create ran: the registry now shows its effect).
func (l *planLedger) release(key string) { l.claims.Release(key) }

// otherClaims lists the other creates' shares of a conflict, one per line, for messages.
func otherClaims(self *ledger.Claim, x ledger.Conflict, pool *ledger.Pool) string {
	var lines []string
	for _, p := range x.Parts {
		if p.Claim == self {
			continue
		}
		switch {
		case p.OldestFirst && pool != nil && p.Claim.OldestFirst.Pool.Key() != pool.Key():
			lines = append(lines, fmt.Sprintf("%s oldest first from %s (it may take these credits first): %s", formatKg(p.Kg),
				p.Claim.OldestFirst.Pool.Describe(), p.Claim.Who))
		case p.OldestFirst:
			lines = append(lines, fmt.Sprintf("%s oldest first from %s: %s", formatKg(p.Kg), p.Claim.OldestFirst.Pool.Describe(), p.Claim.Who))
		case p.Named != "":
			lines = append(lines, fmt.Sprintf("%s from credit batch %s: %s", formatKg(p.Kg), p.Named, p.Claim.Who))
		default:
			lines = append(lines, fmt.Sprintf("%s: %s", formatKg(p.Kg), p.Claim.Who))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return "\nOther creates of this plan claim:\n  - " + strings.Join(lines, "\n  - ")
}

// addConflictError renders one conflict of op's claim c as an error on op's attribute.
func (*planLedger) addConflictError(op *claimOp, c *ledger.Claim, x ledger.Conflict, diags *diag.Diagnostics) {
	switch x.Kind {
	case ledger.BatchOverdrawn:
		addBatchConflictError(op, c, x, diags)
	case ledger.PoolOverdrawn:
		addPoolConflictError(op, c, x, diags)
	case ledger.OrderOverdrawn:
		addAttributeError(diags, op.Path, "Deliveries above the order's remaining quantity",
			fmt.Sprintf("%s: the deliveries of this plan against order %s total %s, but it has only %s left to deliver (ordered %s, "+
				"delivered %s). Lower the quantities by %s in total.%s", op.Path, op.Order.ID, formatKg(x.NeedKg), formatKg(x.HaveKg),
				formatKg(op.Order.CreditsOrdered.CreditKgs), formatKg(op.Order.CreditsDelivered.CreditKgs), formatKg(x.NeedKg-x.HaveKg),
				otherClaims(c, x, nil)))
	case ledger.UniqueTwice:
		var others []string
		for _, o := range x.Claims {
			if o != c {
				others = append(others, o.Who)
			}
		}
		addAttributeError(diags, op.Path, "Beneficiary domain claimed twice by this plan",
			fmt.Sprintf("%s: %s is also the domain of another beneficiary this plan creates (%s). The registry holds one "+
				"beneficiary per domain, so one of them would fail at apply. Keep one isometric_beneficiary for %s.",
				op.Path, op.Domain, strings.Join(others, "; "), op.Domain))
	}
}

// oldestFirstInvolved reports whether an oldest-first retirement other than self takes part: then
// the failure depends on the order Terraform picks, not on every order.
func oldestFirstInvolved(self *ledger.Claim, x ledger.Conflict) bool {
	for _, p := range x.Parts {
		if p.OldestFirst && (p.Claim != self || len(x.Claims) > 1) {
			return true
		}
	}
	return false
}

// orderFixes are the ways out of a conflict that oldest-first retirements take part in.
const orderFixes = "Choose one:\n" +
	"  - lower the quantities;\n" +
	"  - name the batches of the oldest-first retirement too (credit_batch_quantities instead of credit_quantity_kg);\n" +
	"  - name a batch that is not among the oldest credits, or draw on other credits (another supplier, vintage or order);\n" +
	"  - apply one of them first (terraform apply -target=ADDRESS), and the other in a later run (depends_on does not reach the provider)."

// addBatchConflictError: the kg named from a batch, with what oldest-first retirements may take
// of it, exceed its size.
func addBatchConflictError(op *claimOp, c *ledger.Claim, x ledger.Conflict, diags *diag.Diagnostics) {
	for _, b := range op.Batches {
		if b.Batch.ID != x.Batch.ID {
			continue
		}
		if !oldestFirstInvolved(c, x) {
			addAttributeError(diags, b.Path, "Credit batch claimed beyond its size by this plan",
				fmt.Sprintf("%s: %s requested from credit batch %s%s, which holds %s; together with the other creates of this plan that "+
					"name it, the plan claims %s of it. Whatever order Terraform chose, one of them would fail at apply. Lower the "+
					"quantities to at most %s in total, or take the rest from another batch.%s",
					b.Path, formatKg(b.Kg), b.Named, remainingPartNote(b), formatKg(x.HaveKg), formatKg(x.NeedKg),
					formatKg(x.HaveKg), otherClaims(c, x, nil)))
			return
		}
		addAttributeError(diags, b.Path, "Outcome would depend on Terraform's order",
			fmt.Sprintf("%s: %s requested from credit batch %s%s, which holds %s. It is among the oldest credits that the oldest-first "+
				"retirements of this plan may take: in the worst order Terraform may choose, the creates that name it and the oldest-first "+
				"retirements that may reach it need %s of it, and one of them would fail at apply. %s%s",
				b.Path, formatKg(b.Kg), b.Named, remainingPartNote(b), formatKg(x.HaveKg), formatKg(x.NeedKg), orderFixes,
				otherClaims(c, x, nil)))
		return
	}
	// op is an oldest-first retirement that may reach a batch other creates name.
	var namedKg int64
	for _, p := range x.Parts {
		if p.Named != "" {
			namedKg += p.Kg
		}
	}
	addAttributeError(diags, op.Path, "Outcome would depend on Terraform's order",
		fmt.Sprintf("%s: this oldest-first retirement may take credits of credit batch %s (%s), which other creates of this plan name "+
			"(%s in all): the registry retires the oldest credits first, and in the worst order Terraform may choose the creates that "+
			"name it and the oldest-first retirements that may reach it need %s of it, so one of them would fail at apply. %s%s",
			op.Path, x.Batch.ID, formatKg(x.HaveKg), formatKg(namedKg), formatKg(x.NeedKg), orderFixes, otherClaims(c, x, nil)))
}

// addPoolConflictError: an oldest-first retirement may find too little left in its pool.
func addPoolConflictError(op *claimOp, c *ledger.Claim, x ledger.Conflict, diags *diag.Diagnostics) {
	at := op.Path
	if c.OldestFirst == nil || c.OldestFirst.Pool.Key() != x.Pool.Key() {
		for _, b := range op.Batches {
			if x.Pool.Holds(b.Batch.ID) {
				at = b.Path
				break
			}
		}
	}
	when := "Whatever order Terraform chose, a create would fail at apply."
	for _, p := range x.Parts {
		if p.OldestFirst && p.Claim.OldestFirst.Pool.Key() != x.Pool.Key() {
			when = "In some order Terraform may choose (another oldest-first retirement may take these credits first), a create would fail at apply."
		}
	}
	addAttributeError(diags, at, "Credits claimed beyond the balance by this plan",
		fmt.Sprintf("%s: this plan claims %s of %s, which hold %s. %s Lower the quantities by %s in total, or draw on other credits "+
			"(another supplier, vintage or order).%s", at, formatKg(x.NeedKg), x.Pool.Describe(), formatKg(x.HaveKg), when,
			formatKg(x.NeedKg-x.HaveKg), otherClaims(c, x, x.Pool)))
}

// remainingPartNote names the remaining part a claim uses, when it is not the named batch.
func remainingPartNote(c batchClaim) string {
	if c.Batch.ID == c.Named {
		return ""
	}
	return fmt.Sprintf(" (its remaining part %s)", c.Batch.ID)
}
