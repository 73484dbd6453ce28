package provider

// Extension of the transaction machinery (transaction_*.go) shared by isometric_transfer and
// isometric_delivery: what such a record looks like in state, and how an ambiguous POST is traced
// through the batches it involved.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// recordedBatchesAttr describes the credit_batches attribute of a batch transaction; kind is the
// API collection ("transfers", "deliveries").
func recordedBatchesAttr(kind, verb string) computedAttr {
	return computedAttr{Name: "credit_batches", List: creditBatchSummaryAttrs,
		Desc: fmt.Sprintf("Credit batches %s, as the registry records them (`GET /%s/{id}/credit_batches`). For less than a whole "+
			"batch this is its left child, the new batch that holds the %s part.", verb, kind, verb)}
}

// recordedBatchesValue is the credit_batches value of a transaction's batches.
func recordedBatchesValue(batches []client.CreditBatch) types.List {
	return creditBatchListValue(creditBatchSummaryAttrs, creditBatchSummaryValue, batches)
}

// recordedBatchQuantities is the credit_batch_quantities argument derived from a transaction's
// recorded batches (after an import): each batch with its whole size. A configuration naming the
// parents of split batches is accepted as the same record (batchQuantitiesEquivalent).
func recordedBatchQuantities(batches []client.CreditBatch) types.List {
	items := make([]client.CreditBatchQuantity, 0, len(batches))
	for _, b := range batches {
		items = append(items, client.CreditBatchQuantity{CreditBatchID: b.ID, CreditQuantityKg: b.Size.CreditKgs})
	}
	return batchQuantitiesValue(items)
}

// requestedKg is the total of requested quantities.
func requestedKg(items []client.CreditBatchQuantity) int64 {
	var total int64
	for _, it := range items {
		total += it.CreditQuantityKg
	}
	return total
}

// involvedBatches traces the batches an ambiguous POST involved (see batchOutcomes): ok is false,
// with the reason in evidence, unless every requested batch changed and satisfies took (which
// says whether the changed batch shows this kind of operation, e.g. "now owned by the recipient").
// notCommitted is true when every batch is untouched.
func involvedBatches(outs []batchOutcome, took func(client.CreditBatch) bool, expectation string) (involved []client.CreditBatch, ok, notCommitted bool, evidence string) {
	evidence = "\n" + describeOutcomes(outs)
	if allUntouched(outs) {
		return nil, false, true, "every requested credit batch is unchanged (still active, same owner and size):" + evidence
	}
	for _, o := range outs {
		if o.Involved == nil || !took(*o.Involved) {
			return nil, false, false, "not every requested credit batch (or its left child) " + expectation + ":" + evidence
		}
		involved = append(involved, *o.Involved)
	}
	return involved, true, false, "every requested credit batch (or its left child) " + expectation + ":" + evidence
}

// batchesContain reports whether the record's batches include every batch ID of want.
func batchesContain(batches []client.CreditBatch, want []client.CreditBatch) bool {
	have := make(map[string]bool, len(batches))
	for _, b := range batches {
		have[b.ID] = true
	}
	for _, w := range want {
		if !have[w.ID] {
			return false
		}
	}
	return true
}

// batchIDs lists the IDs of batches, for messages.
func batchIDs(batches []client.CreditBatch) string {
	ids := make([]string, len(batches))
	for i, b := range batches {
		ids[i] = b.ID
	}
	return strings.Join(ids, ", ")
}

// withTimeout bounds ctx by the resource's timeouts value (get is e.g. m.Timeouts.Create).
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	timeout, d := get(ctx, def)
	diags.Append(d...)
	return context.WithTimeout(ctx, timeout)
}

// readRecord fetches a transaction and the credit batches it involved, for a resource's Read.
// A 404 is the spec's not-found error (never a removal from state, which would lead to a second
// POST); any error is added to diags and ok is false.
func readRecord[T any](ctx context.Context, s *transactionSpec, pd *providerData, id string,
	get func(context.Context, string) (*T, error),
	listBatches func(context.Context, string) (*client.List[client.CreditBatch], error),
	diags *diag.Diagnostics,
) (record *T, batches []client.CreditBatch, ok bool) {
	record, err := get(ctx, id)
	if err != nil {
		if errors.Is(err, client.ErrNotFound) {
			s.AddNotFoundError(diags, pd, id, err)
			return nil, nil, false
		}
		pd.addClientError(diags, fmt.Sprintf("Cannot read %s %s", s.Noun, id), err)
		return nil, nil, false
	}
	list, err := listBatches(ctx, id)
	if err != nil {
		pd.addClientError(diags, fmt.Sprintf("Cannot read the credit batches of %s %s", s.Noun, id), err)
		return nil, nil, false
	}
	return record, list.Nodes, true
}

// recordedBatchesOrWarn reads a just-created record's credit batches; on failure it warns (the
// record is in state anyway, the next refresh fills them) and returns nil.
func recordedBatchesOrWarn(noun, id string, list func() (*client.List[client.CreditBatch], error), diags *diag.Diagnostics) []client.CreditBatch {
	batches, err := list()
	if err != nil {
		diags.AddWarning(fmt.Sprintf("%s %s recorded, but its credit batches could not be read", capitalize(noun), id),
			fmt.Sprintf("The %s was carried out and is recorded in state; credit_batches and the values derived from them will be "+
				"filled by the next refresh (terraform plan / apply). Cause: %v", noun, err))
		return nil
	}
	return batches.Nodes
}

// checkedAtApply reports whether Create may send its request: the registry checks run again right
// before the POST (checked is false when an argument is still unknown, which Terraform should never
// allow at apply; then nothing is sent).
func checkedAtApply(noun string, checked bool, diags *diag.Diagnostics) bool {
	if diags.HasError() {
		return false
	}
	if !checked {
		diags.AddError(fmt.Sprintf("%s arguments not known at apply", capitalize(noun)),
			fmt.Sprintf("Some arguments of the %s are still unknown at apply time, so it cannot be checked against the registry; "+
				"nothing was sent. This is a bug in the provider; please report it.", noun))
		return false
	}
	return true
}
