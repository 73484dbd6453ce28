package provider

// The plan as a whole. Every planned create claims what it will use: kg of named batches, kg of
// an oldest-first pool, kg of an order's remaining quantity, a beneficiary domain. The claims of
// one walk are kept together (planLedger), and a create whose claims do not fit with the others
// in every order Terraform may run them is refused at plan time, on the resource that pushed the
// plan over, naming the batch, pool or order, the numbers and the other claims. Terraform plans a
// resource again right before applying it; an applied create releases its claims, since the
// registry (read again after the POST) then holds its effect.
//
// The rules, for claims drawing on the credits of one owner:
//   - a batch: the kg named from it (or from its remaining part) by all creates fit its size;
//   - a pool: the kg of every oldest-first create of an overlapping pool, plus the kg named from
//     the pool's batches, fit the pool's balance;
//   - order independence: a batch named by one create must lie beyond the oldest credits that
//     the oldest-first creates of a pool holding it may take; otherwise which credits each one
//     gets would depend on Terraform's order, and the plan is refused with the fix;
//   - an order: the kg of every delivery against it fit its remaining quantity.

import (
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// planLedger holds the claims of the planned creates of one walk.
type planLedger struct {
	mu  sync.Mutex
	ops []*claimOp
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

// claim adds op to the ledger when its claims fit with every other claim; otherwise it adds the
// errors to diags and leaves the ledger unchanged.
func (l *planLedger) claim(op *claimOp, diags *diag.Diagnostics) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs diag.Diagnostics
	l.checkBatches(op, &errs)
	l.checkPools(op, &errs)
	l.checkOrder(op, &errs)
	l.checkDomain(op, &errs)
	diags.Append(errs...)
	if !errs.HasError() {
		l.ops = append(l.ops, op)
	}
}

// release removes one create with this key (its Create ran: the registry now shows its effect).
func (l *planLedger) release(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, op := range l.ops {
		if op.Key == key {
			l.ops = append(l.ops[:i], l.ops[i+1:]...)
			return
		}
	}
}

// otherClaims lists the other creates' claims, one per line, for messages.
func otherClaims(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return "\nOther creates of this plan claim:\n  - " + strings.Join(lines, "\n  - ")
}

// checkBatches: every named batch holds the kg all creates name from it.
func (l *planLedger) checkBatches(op *claimOp, diags *diag.Diagnostics) {
	for _, c := range op.Batches {
		total, others := c.Kg, []string(nil)
		for _, o := range l.ops {
			for _, oc := range o.Batches {
				if oc.Batch.ID == c.Batch.ID {
					total += oc.Kg
					others = append(others, fmt.Sprintf("%s from credit batch %s: %s", formatKg(oc.Kg), oc.Named, o.Who))
				}
			}
		}
		if total <= c.Batch.Size.CreditKgs {
			continue
		}
		addAttributeError(diags, c.Path, "Credit batch claimed beyond its size by this plan",
			fmt.Sprintf("%s: %s requested from credit batch %s%s, which holds %s; together with the other creates of this plan that "+
				"name it, the plan claims %s of it. Whatever order Terraform chose, one of them would fail at apply. Lower the "+
				"quantities to at most %s in total, or take the rest from another batch.%s",
				c.Path, formatKg(c.Kg), c.Named, remainingPartNote(c), formatKg(c.Batch.Size.CreditKgs), formatKg(total),
				formatKg(c.Batch.Size.CreditKgs), otherClaims(others)))
	}
}

// remainingPartNote names the remaining part a claim uses, when it is not the named batch.
func remainingPartNote(c batchClaim) string {
	if c.Batch.ID == c.Named {
		return ""
	}
	return fmt.Sprintf(" (its remaining part %s)", c.Batch.ID)
}

// poolNeeds is what a pool must hold for the claims of l.ops plus op: the kg of every
// oldest-first create of an overlapping pool and of every batch of the pool named by a create,
// with descriptions of those claims.
func (l *planLedger) poolNeeds(p *creditPool, op *claimOp) (kg int64, lines []string) {
	add := func(o *claimOp, self bool) {
		if o.Pool != nil && o.Pool.Key.overlaps(p.Key) {
			kg += o.PoolKg
			if !self {
				lines = append(lines, fmt.Sprintf("%s oldest first from %s: %s", formatKg(o.PoolKg), o.Pool.Key.describe(), o.Who))
			}
		}
		for _, c := range o.Batches {
			if p.contains(c.Batch.ID) {
				kg += c.Kg
				if !self {
					lines = append(lines, fmt.Sprintf("%s from credit batch %s: %s", formatKg(c.Kg), c.Named, o.Who))
				}
			}
		}
	}
	for _, o := range l.ops {
		add(o, false)
	}
	add(op, true)
	return kg, lines
}

// checkPools: every pool that op draws on (its own, or a pool of another create that holds a
// batch op names) holds all the claims on it, and no named batch lies within the oldest credits
// an oldest-first create may take.
func (l *planLedger) checkPools(op *claimOp, diags *diag.Diagnostics) {
	pools := []*creditPool{}
	if op.Pool != nil {
		pools = append(pools, op.Pool)
	}
	for _, o := range l.ops {
		if o.Pool == nil {
			continue
		}
		for _, c := range op.Batches {
			if o.Pool.contains(c.Batch.ID) {
				pools = append(pools, o.Pool)
				break
			}
		}
	}
	for _, p := range pools {
		need, lines := l.poolNeeds(p, op)
		if need > p.Kg {
			at := op.Path
			if op.Pool == nil {
				at = op.Batches[0].Path
			}
			addAttributeError(diags, at, "Credits claimed beyond the balance by this plan",
				fmt.Sprintf("%s: this plan claims %s of %s, which hold %s. Whatever order Terraform chose, a create would fail at "+
					"apply. Lower the quantities by %s in total, or draw on other credits (another supplier, vintage or order).%s",
					at, formatKg(need), p.Key.describe(), formatKg(p.Kg), formatKg(need-p.Kg), otherClaims(lines)))
			continue
		}
		l.checkReach(p, op, diags)
	}
}

// checkReach refuses a named batch that the oldest-first creates of pool p could reach: the
// registry retires the oldest credits first, so whether that batch (or which part of it) goes to
// the named create or to the oldest-first one would depend on the order Terraform runs them in.
func (l *planLedger) checkReach(p *creditPool, op *claimOp, diags *diag.Diagnostics) {
	all := append(append([]*claimOp{}, l.ops...), op)
	var oldestFirstKg int64
	var oldestFirst []string
	for _, o := range all {
		if o.Pool != nil && o.Pool.Key.overlaps(p.Key) {
			oldestFirstKg += o.PoolKg
			oldestFirst = append(oldestFirst, fmt.Sprintf("%s oldest first: %s", formatKg(o.PoolKg), o.Who))
		}
	}
	if oldestFirstKg == 0 {
		return
	}
	named := map[string]int64{}
	for _, o := range all {
		for _, c := range o.Batches {
			if p.contains(c.Batch.ID) {
				named[c.Batch.ID] += c.Kg
			}
		}
	}
	var namedTotal int64
	for _, kg := range named {
		namedTotal += kg
	}
	var older int64
	for _, b := range p.Batches {
		if kg, ok := named[b.ID]; ok && older < oldestFirstKg+namedTotal-kg {
			who, at := l.namer(b.ID, op)
			addAttributeError(diags, at, "Outcome would depend on Terraform's order",
				fmt.Sprintf("%s: credit batch %s, named by %s, is among the oldest of %s, which the oldest-first retirements of this "+
					"plan (%s in all) may take. The registry retires the oldest credits first, so which credits each operation gets would "+
					"depend on the order Terraform runs them in, and depends_on does not reach the provider. Choose one:\n"+
					"  - name the batches of the oldest-first retirement too (credit_batch_quantities instead of credit_quantity_kg);\n"+
					"  - name a batch that is not among the oldest credits;\n"+
					"  - apply one of them first (terraform apply -target=ADDRESS), and the other in a later run.%s",
					at, b.ID, who, p.Key.describe(), formatKg(oldestFirstKg), otherClaims(oldestFirst)))
			return
		}
		older += b.Size.CreditKgs
	}
}

// namer describes the create that names batch id (op itself first) and where the error goes.
func (l *planLedger) namer(id string, op *claimOp) (string, path.Path) {
	for _, c := range op.Batches {
		if c.Batch.ID == id {
			return "this " + strings.TrimPrefix(strings.TrimPrefix(op.Who, "an "), "a "), c.Path
		}
	}
	for _, o := range l.ops {
		for _, c := range o.Batches {
			if c.Batch.ID == id {
				return o.Who, op.Path
			}
		}
	}
	return "another create", op.Path
}

// checkOrder: the deliveries against one order fit its remaining quantity.
func (l *planLedger) checkOrder(op *claimOp, diags *diag.Diagnostics) {
	if op.Order == nil {
		return
	}
	total, lines := op.OrderKg, []string(nil)
	for _, o := range l.ops {
		if o.Order != nil && o.Order.ID == op.Order.ID {
			total += o.OrderKg
			lines = append(lines, fmt.Sprintf("%s: %s", formatKg(o.OrderKg), o.Who))
		}
	}
	remaining := max(op.Order.CreditsOrdered.CreditKgs-op.Order.CreditsDelivered.CreditKgs, 0)
	if total > remaining {
		addAttributeError(diags, op.Path, "Deliveries above the order's remaining quantity",
			fmt.Sprintf("%s: the deliveries of this plan against order %s total %s, but it has only %s left to deliver (ordered %s, "+
				"delivered %s). Lower the quantities by %s in total.%s", op.Path, op.Order.ID, formatKg(total), formatKg(remaining),
				formatKg(op.Order.CreditsOrdered.CreditKgs), formatKg(op.Order.CreditsDelivered.CreditKgs), formatKg(total-remaining),
				otherClaims(lines)))
	}
}

// checkDomain: one beneficiary per domain.
func (l *planLedger) checkDomain(op *claimOp, diags *diag.Diagnostics) {
	if op.Domain == "" {
		return
	}
	for _, o := range l.ops {
		if strings.EqualFold(o.Domain, op.Domain) {
			addAttributeError(diags, op.Path, "Beneficiary domain claimed twice by this plan",
				fmt.Sprintf("%s: %s is also the domain of another beneficiary this plan creates (%s). The registry holds one "+
					"beneficiary per domain, so one of them would fail at apply. Keep one isometric_beneficiary for %s.",
					op.Path, op.Domain, o.Who, op.Domain))
			return
		}
	}
}
