package provider

// Create exactly once. transactionPost sends a transaction's POST a single time (the client never
// retries a POST that may have reached the registry) and, when the outcome is unknown, asks the
// registry what happened: the batches the request named (batchOutcomes, involvedBatches) or the
// recent records (the resource's Discover). It records what it finds, or fails with advice that
// never leaves a tainted resource behind.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// discoveryTimeout bounds the questions asked to the registry after an unconfirmed POST. They run
// on their own deadline: a POST that timed out may have used up the create timeout.
const discoveryTimeout = 2 * time.Minute

// discoveryRechecks are the waits before asking the registry again when the POST failed without
// an answer (timeout, connection reset): the registry may still be processing a request it
// received, so "nothing committed yet" is not a proof until it stays so for a while. A variable so
// that tests can shorten it.
var discoveryRechecks = []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}

// discoveryClockSkew is how much earlier than the start of a POST (by the provider's clock) a
// record's timestamp may be and still count as created by that POST.
const discoveryClockSkew = 2 * time.Minute

// discovery is what the registry says about a POST whose outcome was unknown.
type discovery[T any] struct {
	// Found is the one record the POST committed (nil when none was found).
	Found *T
	// FoundID is Found's ID.
	FoundID string
	// Candidates lists the IDs of several records that could be it (ambiguous: nothing is recorded).
	Candidates []string
	// NotCommitted is true when the registry proves that nothing was committed (for example every
	// requested batch is unchanged): applying again is safe.
	NotCommitted bool
	// Evidence describes what the registry showed, in a sentence or a few lines, for messages.
	Evidence string
}

// transactionPost is one create POST of a transaction resource.
//
// Usage (in Create, after the plan-time checks were re-run right before the POST):
//
//	rec, found := transactionPost[client.Retirement]{
//		Spec: &retirementSpec, PD: r.pd, What: "POST /retirements",
//		Send:     func(ctx context.Context) (*client.Retirement, error) { return c.CreateRetirement(ctx, body) },
//		Discover: func(ctx context.Context, started time.Time) (discovery[client.Retirement], error) { ... },
//	}.run(ctx, &resp.Diagnostics)
//	if rec == nil { return } // errors were added; do not set state (no tainted resource)
//
// run sends the POST exactly once (the client never retries a POST that may have reached the
// server). On success it returns the record. When the outcome is unknown (client.OutcomeUnknownError:
// timeout, connection reset, 5xx) it calls Discover and:
//   - one record found: returns it and adds a WARNING saying what happened (the caller records it);
//   - nothing found: adds an ERROR saying how to check and how to import the record if it appears
//     later; when Discover proved nothing was committed, the error says that applying again is safe;
//   - several candidates: adds an ERROR listing them with the import command.
//
// Any other error is added with pd.addClientError. It returns nil whenever it added an error.
type transactionPost[T any] struct {
	Spec *transactionSpec
	PD   *providerData
	// What names the request in messages, e.g. "POST /retirements".
	What string
	// Send sends the POST.
	Send func(ctx context.Context) (*T, error)
	// Discover looks in the registry for the record the POST may have committed. started is the
	// provider's clock when the POST was sent (allow discoveryClockSkew).
	Discover func(ctx context.Context, started time.Time) (discovery[T], error)
}

func (p transactionPost[T]) run(ctx context.Context, diags *diag.Diagnostics) *T {
	started := time.Now().UTC()
	tflog.Info(ctx, "Sending the create request once: "+p.What, map[string]any{"resource": p.Spec.TypeName})
	rec, err := p.Send(ctx)
	if err == nil {
		return rec
	}
	var unknown *client.OutcomeUnknownError
	if !errors.As(err, &unknown) {
		p.PD.addClientError(diags, fmt.Sprintf("Cannot create the %s", p.Spec.Noun), err)
		return nil
	}

	tflog.Warn(ctx, "Outcome of the create request unknown; asking the registry what happened", map[string]any{
		"request": p.What, "error": err.Error(),
	})
	intro := fmt.Sprintf("The request %s may have reached the registry, but no answer confirmed it (%v). "+
		"The provider never sends it a second time, so it asked the registry what happened.", p.What, unknown.Err)
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), discoveryTimeout)
	defer cancel()
	// A server that answered (5xx) has finished with the request; without an answer it may still
	// be working on it, so an empty result is only trusted after it stayed empty for a while.
	var apiErr *client.APIError
	answered := errors.As(unknown.Err, &apiErr)
	found, derr := p.Discover(dctx, started)
	waited := time.Duration(0)
	for _, wait := range discoveryRechecks {
		if answered || derr != nil || found.Found != nil || len(found.Candidates) > 0 {
			break
		}
		tflog.Debug(ctx, "Nothing committed yet after a request without answer; asking the registry again", map[string]any{"wait": wait.String()})
		select {
		case <-dctx.Done():
		case <-time.After(wait):
		}
		waited += wait
		found, derr = p.Discover(dctx, started)
	}
	if derr != nil {
		tflog.Warn(ctx, "Could not find out the outcome of the create request", map[string]any{"error": derr.Error()})
		diags.AddError(fmt.Sprintf("Outcome of the %s unknown", p.Spec.Noun),
			fmt.Sprintf("%s\n\nBut the registry could not be asked either: %v\n\n%s", intro, derr, p.checkAndImportAdvice()))
		return nil
	}
	switch {
	case found.Found != nil:
		tflog.Info(ctx, "Discovered the committed "+p.Spec.Noun+" after an ambiguous request", map[string]any{"id": found.FoundID})
		diags.AddWarning(fmt.Sprintf("%s %s recorded after an unconfirmed request", capitalize(p.Spec.Noun), found.FoundID),
			fmt.Sprintf("%s\n\nThe registry shows that it was carried out: %s\n\nTerraform records %s %s in state; "+
				"nothing was sent again. Check it in the registry if you wish.", intro, found.Evidence, p.Spec.Noun, found.FoundID))
		return found.Found
	case len(found.Candidates) > 0:
		tflog.Warn(ctx, "Several records could be the outcome of the ambiguous request", map[string]any{"candidates": found.Candidates})
		diags.AddError(fmt.Sprintf("Outcome of the %s ambiguous", p.Spec.Noun),
			fmt.Sprintf("%s\n\nSeveral %ss match the request, so the provider cannot tell which one it created: %s. %s\n\n"+
				"Nothing was recorded in the Terraform state. Find the right one in the registry (data sources of this provider "+
				"or the registry UI) and import it: %s", intro, p.Spec.Noun, strings.Join(found.Candidates, ", "), found.Evidence,
				p.Spec.importHint("")))
		return nil
	case found.NotCommitted && answered:
		tflog.Info(ctx, "The registry shows the ambiguous request committed nothing", nil)
		diags.AddError(fmt.Sprintf("The %s was not carried out", p.Spec.Noun),
			fmt.Sprintf("%s\n\nThe registry shows that nothing was committed: %s\n\nIt answered the request with an error, so it has "+
				"finished with it. Nothing was recorded in the Terraform state. It is safe to run terraform apply again.", intro, found.Evidence))
		return nil
	case found.NotCommitted:
		tflog.Info(ctx, "Nothing committed after a request without answer, even after waiting", map[string]any{"waited": waited.String()})
		diags.AddError(fmt.Sprintf("The %s was not carried out (as far as the registry shows)", p.Spec.Noun),
			fmt.Sprintf("%s\n\nThe registry still shows nothing committed %s after the request: %s\n\n"+
				"Nothing was recorded in the Terraform state. The request got no answer at all, so the registry could in principle "+
				"still carry it out late: before applying again, check that nothing changed (the data sources of this provider, or the "+
				"registry UI of %s). If the %s appears, import it instead: %s",
				intro, waited, found.Evidence, p.PD.where(), p.Spec.Noun, p.Spec.importHint("")))
		return nil
	default:
		tflog.Warn(ctx, "No record of the ambiguous request found", nil)
		diags.AddError(fmt.Sprintf("Outcome of the %s unknown", p.Spec.Noun),
			fmt.Sprintf("%s\n\nNo matching %s was found: %s\n\n%s", intro, p.Spec.Noun, found.Evidence, p.checkAndImportAdvice()))
		return nil
	}
}

// checkAndImportAdvice tells the user how to check and import after an unresolved POST.
func (p transactionPost[T]) checkAndImportAdvice() string {
	return fmt.Sprintf("Nothing was recorded in the Terraform state. Before applying again, check whether the %s exists "+
		"(the data sources of this provider, or the registry UI of %s): applying again without checking could carry out the "+
		"operation twice. If it appears, import it instead: %s", p.Spec.Noun, p.PD.where(), p.Spec.importHint(""))
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

// recordedBatchesOrWarn reads a just-created record's credit batches; on failure it warns (the
// record is in state anyway, the next refresh fills them) and returns an empty list.
func recordedBatchesOrWarn(ctx context.Context, noun, id string, list func(context.Context, string) (*client.List[client.CreditBatch], error),
	diags *diag.Diagnostics) []client.CreditBatch {
	// On its own deadline: a create that waited for its answer may have used up its timeout.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), discoveryTimeout)
	defer cancel()
	batches, err := list(ctx, id)
	if err != nil {
		diags.AddWarning(fmt.Sprintf("%s %s recorded, but its credit batches could not be read", capitalize(noun), id),
			fmt.Sprintf("The %s was carried out and is recorded in state; credit_batches and the values derived from them will be "+
				"filled by the next refresh (terraform plan / apply). Cause: %v", noun, err))
		return []client.CreditBatch{} // known and empty: the next refresh reads them
	}
	if batches.Nodes == nil {
		return []client.CreditBatch{}
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

// batchOutcome is what happened to one requested batch after a POST (see batchOutcomes).
type batchOutcome struct {
	// Requested is the requested batch ID and kg.
	Requested client.CreditBatchQuantity
	// Before is the batch as checkBatches saw it right before the POST.
	Before client.CreditBatch
	// After is the requested batch now.
	After client.CreditBatch
	// Involved is the batch that took part in a transaction since: After itself when it changed, or
	// its left child when it was split; nil when the batch is untouched.
	Involved *client.CreditBatch
}

// Untouched reports whether the batch is exactly as before the POST: still active, same owner,
// same size, no new retirement or delivery.
func (o batchOutcome) Untouched() bool { return o.Involved == nil }

// describe renders the outcome for messages.
func (o batchOutcome) describe() string {
	switch {
	case o.Involved == nil:
		return fmt.Sprintf("credit batch %s is unchanged (active, %s, owned by %s)", o.After.ID, formatKg(o.After.Size.CreditKgs), o.After.Owner.ID)
	case o.Involved.ID != o.After.ID:
		return fmt.Sprintf("credit batch %s was split; its part %s (%s) is now %s, owned by %s%s",
			o.After.ID, o.Involved.ID, formatKg(o.Involved.Size.CreditKgs), o.Involved.Status, o.Involved.Owner.ID, batchRecordSuffix(*o.Involved))
	default:
		return fmt.Sprintf("credit batch %s (%s) is now %s, owned by %s%s",
			o.After.ID, formatKg(o.After.Size.CreditKgs), o.After.Status, o.After.Owner.ID, batchRecordSuffix(o.After))
	}
}

func batchRecordSuffix(b client.CreditBatch) string {
	var parts []string
	if b.RetirementID != nil {
		parts = append(parts, "retirement_id "+*b.RetirementID)
	}
	if b.DeliveryID != nil {
		parts = append(parts, "delivery_id "+*b.DeliveryID)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// batchOutcomes reads every requested batch again after a POST whose outcome is unknown and
// follows a batch that was split by it to its left child (the part that took part). before is
// checkBatches' snapshot (same order as requested).
func batchOutcomes(ctx context.Context, c *client.Client, requested []client.CreditBatchQuantity, before []client.CreditBatch) ([]batchOutcome, error) {
	out := make([]batchOutcome, 0, len(requested))
	for i, rq := range requested {
		after, err := c.GetCreditBatch(ctx, rq.CreditBatchID)
		if err != nil {
			return nil, fmt.Errorf("reading credit batch %s: %w", rq.CreditBatchID, err)
		}
		o := batchOutcome{Requested: rq, After: *after}
		if i < len(before) {
			o.Before = before[i]
		}
		switch {
		case after.Status == client.CreditBatchStatusSplit && o.Before.Status != client.CreditBatchStatusSplit && after.LeftChildID != nil:
			child, err := c.GetCreditBatch(ctx, *after.LeftChildID)
			if err != nil {
				return nil, fmt.Errorf("reading credit batch %s (left child of %s): %w", *after.LeftChildID, rq.CreditBatchID, err)
			}
			o.Involved = child
		case after.Status != o.Before.Status || after.Owner.ID != o.Before.Owner.ID || after.Size.CreditKgs != o.Before.Size.CreditKgs ||
			deref(after.RetirementID) != deref(o.Before.RetirementID) || deref(after.DeliveryID) != deref(o.Before.DeliveryID):
			o.Involved = after
		}
		tflog.Debug(ctx, "Credit batch after the unconfirmed request", map[string]any{"outcome": o.describe()})
		out = append(out, o)
	}
	return out, nil
}

// describeOutcomes renders all outcomes, one per line.
func describeOutcomes(outs []batchOutcome) string {
	lines := make([]string, 0, len(outs))
	for _, o := range outs {
		lines = append(lines, "  - "+o.describe())
	}
	return strings.Join(lines, "\n")
}

// allUntouched reports whether no requested batch changed (the POST committed nothing).
func allUntouched(outs []batchOutcome) bool {
	for _, o := range outs {
		if !o.Untouched() {
			return false
		}
	}
	return true
}
